import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as didContexts } from 'did-context';
import { CREDIT_REPORT_CONTEXT, CREDIT_REPORT_CONTEXT_PATH } from './creditReportContext';
import type { DocumentLoader } from './vcLibraries';

/** Every JSON-LD context a report credential or its status list uses, from the installed packages. */
function bundledContexts(publicBaseUrl: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of [credentialsContexts, dataIntegrityContexts, multikeyContexts, didContexts] as Map<string, unknown>[])
    for (const [url, ctx] of m) out.set(url, ctx);
  out.set(`${publicBaseUrl}${CREDIT_REPORT_CONTEXT_PATH}`, CREDIT_REPORT_CONTEXT);
  return out;
}

/**
 * A JSON-LD document loader that never goes to the network: the bundled contexts, plus the documents
 * given (the issuer's DID document, status list credentials). A DID URL with a fragment resolves to
 * that verification method of its DID document, as the Data Integrity verifier asks for it.
 */
export function localDocumentLoader(publicBaseUrl: string, documents: Record<string, unknown> = {}): DocumentLoader {
  const known = bundledContexts(publicBaseUrl);
  for (const [url, doc] of Object.entries(documents)) known.set(url, doc);
  return async (url: string) => {
    const found = (document: unknown) => ({ contextUrl: null, documentUrl: url, document });
    if (known.has(url)) return found(known.get(url));
    const hash = url.indexOf('#');
    if (url.startsWith('did:') && hash > 0) {
      const did = known.get(url.slice(0, hash)) as { verificationMethod?: { id: string }[] } | undefined;
      const method = did?.verificationMethod?.find((m) => m.id === url);
      if (method) return found({ '@context': 'https://w3id.org/security/multikey/v1', ...method });
    }
    throw new Error(`document ${url} is not available offline`);
  };
}

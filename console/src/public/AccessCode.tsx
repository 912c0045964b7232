/** An access code in groups of three (ABC-DEF-GHJ-KLM): easier to copy by hand; typed back with or without the dashes. */
export const groupCode = (code: string) => code.match(/.{1,3}/g)?.join('-') ?? code;

/** What a person typed as an access code, as the API takes it. */
export const typedCode = (text: string) => text.replace(/[^0-9a-z]/gi, '').toUpperCase();

export function AccessCode({ code }: { code: string }) {
  return (
    <code className="access-code" data-testid="access-code">
      {groupCode(code)}
    </code>
  );
}

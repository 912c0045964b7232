import { call } from '../api/client';
import { useLoad } from '../components/useLoad';
import { PortalProfileDocument, type PortalProfileQuery } from '../graphql/generated/operations';

export type Profile = PortalProfileQuery;

/** The subject's register entry and the catalogues its pages name codes with (domains, regions). */
export function useProfile(creditCode: string) {
  return useLoad(() => call(PortalProfileDocument, { creditCode }), [creditCode]);
}

export const domainNamer = (profile: Profile | undefined) => (code: string) =>
  profile?.domains.find((d) => d.code === code)?.nameZh ?? code;

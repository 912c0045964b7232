import { useEffect } from 'react';
import { navigate } from '../router/router';

/** /admin opens the register, its first page; replaced, so Back does not land on /admin again. */
export function AdminHome() {
  useEffect(() => navigate('/admin/units', { replace: true }), []);
  return null;
}

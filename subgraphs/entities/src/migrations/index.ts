// Checked-in MySQL migrations, in order. Generate with `pnpm --filter @credit/entities migration:generate`.
export const migrations: (new () => object)[] = [];

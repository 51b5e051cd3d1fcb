/** Builds every cloud function bundle once before the node tests run (they load the bundles). */
export default async function globalSetup(): Promise<void> {
  const { buildFunctions } = await import('../../scripts/build-functions');
  await buildFunctions({ quiet: true });
}

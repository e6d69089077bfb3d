import "server-only";

/** Filled in once the registry's write path exists. */
export async function seedDemoUseCases(_organizationId: string): Promise<void> {}

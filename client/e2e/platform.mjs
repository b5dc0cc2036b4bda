// Starts the local platform (local/) for the end-to-end run, with the client behind its front door.
// Filled in against local/'s entry point; see README.md in this folder.
export async function startLocalPlatform() {
  throw new Error('the local platform is not wired into the e2e run yet: set E2E_BASE_URL or E2E_PLATFORM=mock');
}

// H5 build: the demo sign-in page exists. The weapp build resolves dev-login.weapp.ts instead, so
// neither the route nor the page is ever referenced from the mini-program.
export const devLoginAvailable = true;
export const DEV_LOGIN_URL = '/pages/dev-login/index';

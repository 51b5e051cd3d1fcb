export const devLoginAvailable = false;
export const DEV_LOGIN_URL = '';

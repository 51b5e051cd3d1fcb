// A module (it imports), so the block below augments React's JSX instead of redeclaring 'react'.
import 'react';

/** Native custom components rendered from React on weapp (each listed in its page's usingComponents). */
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'stat-card': { label: string; value: number | string; unit?: string; hint?: string; accent?: boolean };
    }
  }
}

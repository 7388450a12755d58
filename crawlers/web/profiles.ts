// What each browser-capture platform looks like to the capture, as data: the hosts its pages take
// their assets from, and the signs of a login or consent wall. LinkedIn and TikTok patterns are
// inferred from their public pages and common scrapers' knowledge [inf]; they could not be checked
// against the live sites from the build machine and are meant to be corrected here, not in code.
import type { BrowserCapturePlatform } from '../../src/registry/browser-capture.js';

export interface WallPatterns {
  /** The final page address (path and query) of a login page. */
  loginUrls: RegExp[];
  /** Elements that, when visible, are a login prompt. */
  loginSelectors: string[];
  /** Page text that only a login prompt shows. */
  loginTexts: RegExp[];
  /** Elements of a cookie or consent dialog. */
  consentSelectors: string[];
}

export interface PlatformProfile {
  /** Hosts outside the registered domain whose images, styles and scripts belong to the platform (never navigated to). */
  assetDomains: string[];
  walls: WallPatterns;
}

/** Dialogs of the common consent-management platforms (their documented or long-stable element ids). */
export const CONSENT_FRAMEWORKS: { name: string; selector: string }[] = [
  { name: 'OneTrust', selector: '#onetrust-banner-sdk, #onetrust-consent-sdk .onetrust-pc-dark-filter' },
  { name: 'Cookiebot', selector: '#CybotCookiebotDialog' },
  { name: 'Didomi', selector: '#didomi-popup, .didomi-popup-container, #didomi-notice' },
  { name: 'Quantcast Choice', selector: '.qc-cmp2-container' },
  { name: 'TrustArc', selector: '#truste-consent-track, .truste_overlay' },
  { name: 'Usercentrics', selector: '#usercentrics-root, #uc-center-container' },
  { name: 'Sourcepoint', selector: 'iframe[id^="sp_message_iframe"]' },
  { name: 'consentmanager', selector: '#cmpbox' },
  { name: 'CookieYes', selector: '.cky-consent-container' },
  { name: 'Complianz', selector: '.cmplz-cookiebanner' },
  { name: 'Osano', selector: '.osano-cm-dialog, .cc-window' },
  { name: 'Borlabs', selector: '#BorlabsCookieBox' },
  { name: 'Klaro', selector: '.klaro .cookie-modal, .klaro .cookie-notice' },
  { name: 'Cookie Information', selector: '#coiOverlay' },
];

/** Login prompts that look alike on most sites: a password field is the strongest generic sign. */
export const GENERIC_LOGIN_URLS = [/\/(log-?in|sign-?in|inloggen|aanmelden|auth(entication|wall)?)(\/|\?|$)/i];

export const PROFILES: Record<BrowserCapturePlatform, PlatformProfile> = {
  web: {
    assetDomains: [],
    walls: { loginUrls: [], loginSelectors: [], loginTexts: [], consentSelectors: [] },
  },
  linkedin: {
    assetDomains: ['licdn.com'],
    walls: {
      loginUrls: [/^\/authwall(\/|\?|$)/, /^\/(uas\/)?login(\/|\?|$)/, /^\/checkpoint\//, /^\/signup(\/|\?|$)/],
      loginSelectors: ['form.authwall-join-form', '.authwall-join-form', '[data-tracking-control-name="auth_wall"]', '.contextual-sign-in-modal__layout'],
      loginTexts: [/^(Sign in to (view|see) (more|this)|Join LinkedIn to see|Meld je aan om (meer )?te (bekijken|zien))/im],
      consentSelectors: ['#artdeco-global-alert-container [data-test-global-alert-type="COOKIE_CONSENT"]'],
    },
  },
  tiktok: {
    assetDomains: ['tiktokcdn.com', 'tiktokcdn-eu.com', 'tiktokv.com', 'ttwstatic.com', 'ibytedtos.com'],
    walls: {
      loginUrls: [/^\/login(\/|\?|$)/],
      loginSelectors: ['[data-e2e="login-modal"]', '#login-modal', '#loginContainer'],
      loginTexts: [/^(Log in to TikTok|Inloggen bij TikTok|Log in bij TikTok)\b/im],
      consentSelectors: ['tiktok-cookie-banner', '[data-e2e="cookie-banner"]'],
    },
  },
};

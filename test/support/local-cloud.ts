/**
 * A local cloud per test file, and a typed client that talks to it the way the H5 app does: over
 * the `/fn/<name>` bridge with the caller in `x-openid`. Nothing is mocked: the functions are the
 * built bundles (test/support/global-setup.ts builds them) running the real wx-server-sdk. Every
 * function's actions are typed from the contract registry.
 *
 *   const cloud = useLocalCloud();                 // beforeAll starts it, afterAll stops it
 *   const storeId = await cloud.makeStore();
 *   const reply = await cloud.call('account', 'whoami', {}, someOpenid);
 *   const { ok } = cloud.client('content');        // one function's actions, bound
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionOf, CallInput, CallOutput, FunctionName } from '@core/contracts';
import { MEMBER_TERMS_VERSION } from '@core/contracts/account';
import type { Reply } from '@core/errors';
import { localIdSecret } from '../../host/id-secret';
import { loadConfig, startLocalCloud, type LocalCloud, type StartOptions } from '../../host/index';
import { bridgeClient, dataOf, type BridgeClient } from './bridge-client';
import { foreignOpenids, type KnownUser } from './reply-scan';

export { dataOf };
export type { FunctionName };

/** The actions of one function, bound to a cloud: `call(action, input, openid)` and `ok(…)`. */
export interface FunctionClient<F extends FunctionName> {
  call: <A extends ActionOf<F>>(action: A, input: CallInput<F, A>, openid?: string) => Promise<Reply<CallOutput<F, A>>>;
  ok: <A extends ActionOf<F>>(action: A, input: CallInput<F, A>, openid?: string) => Promise<CallOutput<F, A>>;
}

/** The agreement the join page sends once the visitor ticks the box (registerMember requires it). */
export const CONSENT = { version: MEMBER_TERMS_VERSION } as const;

/** The HQ operator every test cloud is started with. */
export const TEST_HQ = 'o_test_hq_0001';

let counter = 0;
/** A fresh openid that no other test in this process uses. */
export function newOpenid(prefix = 'o_t'): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

export class TestCloud {
  private current: LocalCloud | undefined;
  private dir: string | undefined;
  private readonly bridge: BridgeClient = bridgeClient(() => this.url);

  constructor(private readonly options: StartOptions = {}) {}

  async start(): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-test-'));
    this.current = await startLocalCloud({
      // Configuration from fixed values, not from the developer's shell: no demo seed, quiet.
      config: loadConfig({ NODE_ENV: 'test', TARO_ENV: undefined, SIYU_SEED: '0', SIYU_QUIET: '1' }),
      port: 0,
      dataDir: this.dir,
      hqOpenids: [TEST_HQ],
      quiet: true,
      timers: false,
      // Image-check verdicts are pushed this soon; each call below first lets the due ones land.
      mediaCheckDelayMs: 20,
      ...this.options,
    });
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get cloud(): LocalCloud {
    if (!this.current) throw new Error('the local cloud is not started (call useLocalCloud() at the top of the file)');
    return this.current;
  }

  get url(): string {
    return this.cloud.url;
  }

  /**
   * Gives this test process the cloud's SIYU_ID_SECRET, so a test can make the ids the functions
   * derive from a person (server/privacy: anonymousNode, personKey, tombstoneId).
   */
  adoptIdSecret(): void {
    process.env.SIYU_ID_SECRET = localIdSecret(this.cloud.dataDir);
  }

  /** The whole database as text; equal before and after means nothing was written. */
  snapshot(): string {
    return this.cloud.engine.snapshot();
  }

  /**
   * Every reply that reaches a test passes the openid rule (support/reply-scan.ts): one naming
   * another person's openid where the rule forbids it fails the call, and so the test.
   */
  private scanned<T>(fn: string, action: unknown, caller: string | undefined, reply: T): T {
    const problems = foreignOpenids(reply, {
      call: `${fn}.${String(action)}`,
      caller,
      users: this.cloud.engine.findDocs('users') as unknown as KnownUser[],
      hq: this.options.hqOpenids ?? [TEST_HQ],
    });
    if (problems.length > 0) {
      throw new Error(`${fn}.${String(action)} answered another person's openid: ${problems.join('; ')}`);
    }
    return reply;
  }

  /**
   * Calls an action through the HTTP bridge. `asOpenid` undefined sends no caller at all. Image-check
   * verdicts already on their way land first, as they would before HQ's next tap (a test that needs
   * an image still pending holds them: `cloud.cloud.mediaCheck.hold()`).
   */
  async call<F extends FunctionName, A extends ActionOf<F>>(
    fn: F,
    action: A,
    input: CallInput<F, A>,
    asOpenid?: string,
  ): Promise<Reply<CallOutput<F, A>>> {
    await this.cloud.mediaCheck.idle();
    return this.scanned(fn, action, asOpenid, await this.bridge.call(fn, action, input, asOpenid));
  }

  /** call() for a step that must succeed: answers the data, throws with the code otherwise. */
  async ok<F extends FunctionName, A extends ActionOf<F>>(
    fn: F,
    action: A,
    input: CallInput<F, A>,
    asOpenid?: string,
  ): Promise<CallOutput<F, A>> {
    return dataOf(await this.call(fn, action, input, asOpenid));
  }

  /** Sends any event, for inputs the types would not allow. */
  async callRaw(fn: string, event: unknown, asOpenid?: string): Promise<Reply<unknown>> {
    const action = typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
    await this.cloud.mediaCheck.idle();
    return this.scanned(fn, action, asOpenid, await this.bridge.callRaw(fn, event, asOpenid));
  }

  /** Uploads bytes through the bridge (as the HQ editor does on H5); answers the fileID. */
  upload(cloudPath: string, bytes: Uint8Array): Promise<string> {
    return this.bridge.upload(cloudPath, bytes);
  }

  /** One function's actions bound to this cloud. */
  client<F extends FunctionName>(fn: F): FunctionClient<F> {
    return {
      call: (action, input, openid) => this.call(fn, action, input, openid),
      ok: (action, input, openid) => this.ok(fn, action, input, openid),
    };
  }

  /** The HQ openid this cloud was started with. */
  makeHq(): string {
    return TEST_HQ;
  }

  async makeStore(name = `测试门店${newOpenid('s').slice(-10)}`): Promise<string> {
    return (await this.ok('account', 'createStore', { name, city: '上海' }, TEST_HQ)).storeId;
  }

  async makeInvite(storeId: string): Promise<string> {
    return (await this.ok('account', 'createInvite', { storeId, role: 'guide' }, TEST_HQ)).code;
  }

  /** A guide who joined through an invite; makes a store when none is given. */
  async makeGuide(storeId?: string, name = '导购小林'): Promise<{ openid: string; storeId: string }> {
    const store = storeId ?? (await this.makeStore());
    const code = await this.makeInvite(store);
    const openid = newOpenid('o_guide');
    dataOf(await this.call('account', 'redeemInvite', { code, name }, openid));
    return { openid, storeId: store };
  }

  /**
   * A member. With a `referrer` (a guide or member), they join as a new member does: the referrer
   * shares an invitation, the new member opens it (a counted visit of the referrer's share) and
   * registers with its token.
   */
  async makeMember(
    referrer?: string,
    name = '会员小鹿',
  ): Promise<{ openid: string; guideOpenid?: string; shareToken?: string }> {
    const openid = newOpenid('o_cust');
    const shareToken = referrer ? await this.openInvitation(referrer, openid) : undefined;
    const data = await this.ok(
      'account',
      'registerMember',
      { name, consent: CONSENT, ...(shareToken ? { shareToken } : {}) },
      openid,
    );
    if (referrer && data.referral !== 'credited') throw new Error(`makeMember: ${referrer} was not credited`);
    return {
      openid,
      ...(data.guideOpenid ? { guideOpenid: data.guideOpenid } : {}),
      ...(shareToken ? { shareToken } : {}),
    };
  }

  /** `sharer`'s invitation token, opened by `viewer` (signed in); answers the token. */
  async openInvitation(sharer: string, viewer: string): Promise<string> {
    const { shareToken } = await this.ok('insight', 'shareLink', {}, sharer);
    await this.ok('insight', 'recordVisit', { shareToken, scene: 1007 }, viewer);
    return shareToken;
  }

  /** Deactivates or reactivates a guide, as HQ does. */
  async setActive(openid: string, active: boolean): Promise<void> {
    dataOf(await this.call('account', 'setGuideActive', { openid, active }, TEST_HQ));
  }

  /** Marks a guide as having left. */
  deactivateGuide(openid: string): Promise<void> {
    return this.setActive(openid, false);
  }
}

/** Starts a local cloud for the current test file (beforeAll) and stops it afterwards (afterAll). */
export function useLocalCloud(options: StartOptions = {}, timeoutMs = 30_000): TestCloud {
  // Functions run inside the test's process unless the test is about instances: a process per
  // instance costs a cold start and a process hop on every database request (worker/inline.ts).
  const cloud = new TestCloud({ isolation: 'inline', ...options });
  beforeAll(() => cloud.start(), timeoutMs);
  afterAll(() => cloud.stop(), timeoutMs);
  return cloud;
}

// Meta's CDN (scontent*.fbcdn.net, *.cdninstagram.com) serves media under signed URLs that expire:
// `oh` is a signature over the path and `oe` the expiry as hex Unix seconds. The fake signs the
// same way, on its own host, and refuses an expired or altered URL with 403, as the CDN does.
import { createHmac } from 'node:crypto';

const DAY = 86_400;

export class FakeCdn {
  /** Incremented by the dataset's "next day": URLs handed out before expire. */
  day = 0;

  constructor(
    /** Seconds since the epoch of the dataset's "now"; URLs depend only on it and `day`, so captures compare. */
    private readonly anchor: number,
    private readonly secret = 'fake-cdn-secret',
  ) {}

  /** Expiry of URLs handed out today: three days after the start of the URL day. */
  private expiry(day: number): number {
    return this.anchor + (day + 1) * 3 * DAY;
  }

  sign(origin: string, path: string): string {
    const oe = this.expiry(this.day).toString(16).toUpperCase();
    const sid = createHmac('sha256', this.secret).update(`sid:${path}`).digest('hex').slice(0, 6);
    const q = new URLSearchParams({ _nc_cat: '104', ccb: '1-7', _nc_sid: sid, _nc_ohc: 'fakeOhcAAAA', _nc_ht: 'scontent.fams1-1.fna', oh: `00_${this.mac(path, oe)}`, oe });
    return `${origin}${path}?${q.toString()}`;
  }

  /** Why a CDN URL is refused now, or undefined when it is good. */
  check(path: string, query: URLSearchParams): string | undefined {
    const oe = query.get('oe') ?? '';
    const oh = query.get('oh') ?? '';
    if (!/^[0-9A-F]+$/i.test(oe) || oh !== `00_${this.mac(path, oe.toUpperCase())}`) return 'Bad URL hash';
    if (parseInt(oe, 16) < this.expiry(this.day)) return 'URL signature expired';
    return undefined;
  }

  private mac(path: string, oe: string): string {
    return createHmac('sha256', this.secret).update(`${path}\n${oe}`).digest('hex').slice(0, 40);
  }
}

import { DomainError, ErrorCode, type PostBatchAnswer, type Principal } from '@switchboard/contracts';
import type { InternalClient } from '@switchboard/platform';
import { PostCoalescer } from './post-coalescer';

type Batch = { posts: { actorId: string; message: string }[] };

/** An InternalClient whose batch calls stay open until the test answers them. */
function fakeMessaging() {
  const calls: { batch: Batch; answer(value: PostBatchAnswer): void; fail(error: unknown): void }[] = [];
  const client = {
    call: (_caller: unknown, _route: unknown, input: { body: Batch }) =>
      new Promise((resolve, reject) => calls.push({ batch: input.body, answer: resolve, fail: reject })),
  } as unknown as InternalClient;
  return { client, calls };
}

const principal = (userId: string) => ({ user: { userId: userId } }) as unknown as Principal;
const view = (message: string) => ({ status: 201, body: { message } as never });
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('PostCoalescer', () => {
  it('sends each post at once while fewer than 4 batches are on their way', () => {
    const { client, calls } = fakeMessaging();
    const coalescer = new PostCoalescer(client);
    for (let i = 0; i < 4; i++) void coalescer.post(principal(`${i}`), '1', { message: `m${i}` });
    expect(calls.map((call) => call.batch.posts.map((post) => post.message))).toEqual([['m0'], ['m1'], ['m2'], ['m3']]);
  });

  it('gathers the posts that arrive meanwhile into the next batch, each answered in its own right', async () => {
    const { client, calls } = fakeMessaging();
    const coalescer = new PostCoalescer(client);
    const first = [0, 1, 2, 3].map((i) => coalescer.post(principal(`${i}`), '1', { message: `m${i}` }));
    const waiting = [4, 5, 6].map((i) =>
      coalescer.post(principal(`${i}`), '1', { message: `m${i}`, ...(i === 5 ? { topic: 't' } : {}) }),
    );
    expect(calls).toHaveLength(4);
    calls[0].answer({ answers: [view('m0')] });
    await flush();
    expect(calls).toHaveLength(5);
    expect(calls[4].batch.posts).toEqual([
      { actorId: '4', channelId: '1', message: 'm4' },
      { actorId: '5', channelId: '1', message: 'm5', topic: 't' },
      { actorId: '6', channelId: '1', message: 'm6' },
    ]);
    calls[4].answer({
      answers: [
        view('m4'),
        { status: 404, body: { error: { code: ErrorCode.ChannelNotFound, message: 'No such channel' } } },
        { status: 500, body: { error: { code: ErrorCode.Internal, message: 'boom' } } },
      ],
    });
    await expect(first[0]).resolves.toEqual({ message: 'm0' });
    await expect(waiting[0]).resolves.toEqual({ message: 'm4' });
    await expect(waiting[1]).rejects.toEqual(new DomainError(ErrorCode.ChannelNotFound, 'No such channel'));
    await expect(waiting[2]).rejects.toMatchObject({ code: ErrorCode.Internal });
  });

  it('fails every post of a batch whose call failed, and goes on with the next', async () => {
    const { client, calls } = fakeMessaging();
    const coalescer = new PostCoalescer(client);
    const posts = [0, 1, 2, 3, 4, 5].map((i) => coalescer.post(principal(`${i}`), '1', { message: `m${i}` }));
    const unavailable = new DomainError(ErrorCode.Unavailable, 'The messaging service is unavailable');
    calls[0].fail(unavailable);
    await expect(posts[0]).rejects.toBe(unavailable);
    expect(calls[4].batch.posts.map((post) => post.message)).toEqual(['m4', 'm5']);
    calls[4].fail(unavailable);
    await expect(posts[4]).rejects.toBe(unavailable);
    await expect(posts[5]).rejects.toBe(unavailable);
  });
});

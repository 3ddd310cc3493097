import { type RouteArgs, type RouteResponse, fillPath, route } from './internal-route';

const postMessage = route('POST', '/channels/:channelId/messages/:messageId/replies')
  .takes<{ message: string }>()
  .answers<{ messageId: string }>();
const listThings = route('GET', '/things').reads<{ limit?: number }>().answers<string[]>();

/** Compiles only if the call is well typed; `npm run typecheck` checks the @ts-expect-error lines. */
function call<Route>(_route: Route, ..._input: RouteArgs<Route>): RouteResponse<Route> {
  return undefined as RouteResponse<Route>;
}

describe('internal routes', () => {
  it('reads the param names from the path', () => {
    expect(postMessage.params).toEqual(['channelId', 'messageId']);
    expect(listThings.params).toEqual([]);
  });

  it('fills and encodes params, and refuses a missing one', () => {
    expect(fillPath(postMessage.path, { channelId: 1, messageId: 'a b/c' })).toBe(
      '/channels/1/messages/a%20b%2Fc/replies',
    );
    expect(() => fillPath(postMessage.path, { channelId: 1 })).toThrow('Missing path param messageId');
  });

  it('types params, body, query and answer from the declaration', () => {
    const answer: { messageId: string } = call(postMessage, {
      params: { channelId: '1', messageId: '2' },
      body: { message: 'hi' },
    });
    // @ts-expect-error a param is missing
    call(postMessage, { params: { channelId: '1' }, body: { message: 'hi' } });
    // @ts-expect-error the body is required
    call(postMessage, { params: { channelId: '1', messageId: '2' } });
    // @ts-expect-error the body has the wrong shape
    call(postMessage, { params: { channelId: '1', messageId: '2' }, body: { text: 'hi' } });
    const things: string[] = call(listThings);
    call(listThings, { query: { limit: 5 } });
    expect([answer, things]).toEqual([undefined, undefined]);
  });
});

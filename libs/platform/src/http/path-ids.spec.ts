import type { ExecutionContext } from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { checkedPathParams } from './path-ids';

function requestWith(params: Record<string, string>): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ params }) }) } as unknown as ExecutionContext;
}

describe('checkedPathParams', () => {
  it('hands over every path param, ids and the rest, by name', () => {
    expect(checkedPathParams(requestWith({ channelID: '12', messageId: '34', reaction: 'smile' }))).toEqual({
      channelID: '12',
      messageId: '34',
      reaction: 'smile',
    });
  });

  it('answers a bad …Id or …ID param as IdParamPipe does: 400, naming the first bad one', () => {
    const cases: Record<string, string>[] = [
      { channelId: 'abc' },
      { channelID: '1', userID: '-1' },
      { roleId: '99999999999999999999' },
    ];
    for (const params of cases) {
      const error = (() => {
        try {
          checkedPathParams(requestWith(params));
        } catch (caught) {
          return caught as DomainError;
        }
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect(error?.code).toBe(ErrorCode.BadRequest);
      expect(error?.message).toBe(`Not a valid id: ${Object.values(params).find((value) => value !== '1')}`);
    }
  });

  it('leaves params that are not ids to the handler', () => {
    expect(checkedPathParams(requestWith({ ts: 'not-a-ts', command: '../x' }))).toEqual({
      ts: 'not-a-ts',
      command: '../x',
    });
  });
});

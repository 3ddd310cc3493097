import { Injectable } from '@nestjs/common';

/** The time, as a provider, so tests and time-dependent parsing can replace it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

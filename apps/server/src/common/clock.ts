import { Injectable } from '@nestjs/common';

// Time behind an injectable so specs can control it.
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

import { Logger } from '@nestjs/common';

// Specs assert on behaviour, not on log lines; keep the output readable.
Logger.overrideLogger(false);

export { Scheduler, pipelineRunner, systemClock, type AccountRunner, type Clock, type SchedulerOptions, type TickAction } from './scheduler.js';
export { schedulerState, type AccountScheduleState } from './state.js';
export { latestFire, nextFire } from './fires.js';

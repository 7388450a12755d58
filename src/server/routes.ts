import type { RouteDef } from './context.js';
import { archiveRoutes } from './pages/archive.js';
import { authRoutes } from './pages/auth.js';
import { dashboardRoutes } from './pages/dashboard.js';
import { registryRoutes } from './pages/registry.js';
import { reviewRoutes } from './pages/review.js';
import { runRoutes } from './pages/runs.js';
import { transferRoutes } from './pages/transfers.js';

/** Every route of the console, with who may use it: the access policy in one table. */
export const routes: readonly RouteDef[] = [...authRoutes, ...dashboardRoutes, ...registryRoutes, ...runRoutes, ...reviewRoutes, ...archiveRoutes, ...transferRoutes];

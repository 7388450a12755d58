import type { RouteDef } from './context.js';
import { authRoutes } from './pages/auth.js';
import { dashboardRoutes } from './pages/dashboard.js';
import { registryRoutes } from './pages/registry.js';
import { runRoutes } from './pages/runs.js';
import { transferRoutes } from './pages/transfers.js';

/** Every route of the console, with who may use it: the access policy in one table. */
export const routes: readonly RouteDef[] = [...authRoutes, ...dashboardRoutes, ...registryRoutes, ...runRoutes, ...transferRoutes];

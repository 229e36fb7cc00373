/**
 * Demo steps that need the app's own rules (derived progress, review snapshots). db/ never
 * imports app/, so whoever calls seedDemo passes these in; they run after db/seed's DEMO_STEPS.
 */
import type { DemoStep } from "../../../db/seed/demo";
import { openDemoReviews } from "../delivery/demo.server";
import { rebuildDemoRollups } from "../rollups/rebuild.server";

export const APP_DEMO_STEPS: DemoStep[] = [openDemoReviews, rebuildDemoRollups];

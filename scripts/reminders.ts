import { notThereYet } from "./not-yet";

notThereYet("jobs:reminders", "the pledge (#4) and returns (#5) issues");

import { notThereYet } from "./not-yet";

notThereYet("db:restore", "the reliability issue (#9)");

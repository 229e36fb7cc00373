import { notThereYet } from "./not-yet";

notThereYet("db:backup", "the reliability issue (#9)");

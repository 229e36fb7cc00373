import { notThereYet } from "./not-yet";

notThereYet("bench", "the national-scale issue (#8)");

import { notThereYet } from "./not-yet";

notThereYet("db:seed-scale", "the national-scale issue (#8)");

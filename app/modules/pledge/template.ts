/**
 * What a new partnership's first pledge draft starts from: the commitments the seeds' strategy and
 * programmes ask of partners (002, 001, 003, 004), in this project's own words. The coordinator
 * edits every line before publishing; nothing here is published by itself.
 */
export const PLEDGE_TEMPLATE = {
  title: "Our restorative pledge",
  introduction:
    "We commit to making restorative approaches part of how our organisation works with people who have been harmed, people who have caused harm and the communities around them, as a partner in this county's restorative justice strategy. Taking part in restorative justice is always voluntary.",
  commitments: [
    "Name at least one RJ champion who keeps restorative practice alive in our organisation and links with the partnership.",
    "Give our staff awareness of restorative approaches, and train those who meet victims and people who have caused harm to recognise when a restorative process could help.",
    "Tell victims and those affected that restorative justice is available, at the right time and in a way they can understand, and refer those who want it to a trained, quality-assured provider.",
    "Use restorative approaches ourselves where they fit: in resolving conflict, in neighbourhood and housing work, in schools and in our own workplace.",
    "Share what we learn: report our activity each quarter, with our successes, our barriers and the support we need.",
    "Work with the other partners in this county so that everyone, wherever they live, has equal access to restorative justice.",
  ],
};

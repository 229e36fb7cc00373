/**
 * What an organisation has to do about its returns, most urgent first — on its returns page and
 * as a block on its home page, where champions land after signing in.
 */
import { Link } from "@remix-run/react";
import { longDate } from "./calendar";
import type { OrganisationTodo } from "./display";

function TodoText({ todo }: { todo: OrganisationTodo }) {
  switch (todo.kind) {
    case "returned":
      return (
        <>
          returned for changes{todo.reason ? `: “${todo.reason}”` : ""}. Correct it and submit again by {longDate(todo.editableUntil)}.
        </>
      );
    case "overdue":
      return (
        <>
          overdue: it was due on {longDate(todo.dueOn)}. You can still submit it until {longDate(todo.editableUntil)}.
        </>
      );
    case "in_progress":
      return <>started as a draft; due on {longDate(todo.dueOn)}.</>;
    default:
      return <>due on {longDate(todo.dueOn)}.</>;
  }
}

export function ReturnsTodo({ todos, base, headingLevel = 2 }: { todos: OrganisationTodo[]; base: string; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as "h2" | "h3";
  if (todos.length === 0) {
    return (
      <div className="gt-card">
        <Heading className="govuk-heading-m">Quarterly returns</Heading>
        <p className="govuk-body">Nothing to do: every return that is due has been submitted.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={base}>
            See your returns
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="gt-card">
      <Heading className="govuk-heading-m">Quarterly returns to do</Heading>
      <ul className="govuk-list govuk-list--spaced">
        {todos.map((todo) => (
          <li key={todo.quarter}>
            <Link className="govuk-link govuk-!-font-weight-bold" to={`${base}/${todo.quarter}`}>
              {todo.label} return
            </Link>{" "}
            {todo.kind === "overdue" || todo.kind === "returned" ? <strong className="govuk-tag govuk-tag--red">{todo.kind === "overdue" ? "Overdue" : "Returned"}</strong> : null}{" "}
            <span className="govuk-body">
              <TodoText todo={todo} />
            </span>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <Link className="govuk-link" to={base}>
          All your returns
        </Link>
      </p>
    </div>
  );
}

import { describe, expect, it } from "vitest";
import { findMentions } from "./mentions";

const members = [
  { id: "ana", name: "Ana", email: "ana.b@x.test" },
  { id: "analima", name: "Ana Lima", email: "alima@x.test" },
  { id: "cto", name: "Chris Okafor", email: "cto@x.test" },
];

describe("mentions in a comment", () => {
  it.each([
    ["a full name", "Please look, @Chris Okafor.", ["cto"]],
    ["the longest name wins", "@Ana Lima can you check", ["analima"]],
    ["the shorter name alone", "@Ana can you check", ["ana"]],
    ["the email's local part, any case", "ping @CTO and @alima", ["cto", "analima"]],
    ["each person once", "@Ana @ana @Ana", ["ana"]],
    ["an email address is not a mention", "write to ana.b@x.test", []],
    ["a name that runs on is not that name", "@Anabel said so", []],
    ["nobody", "no mention here @nobody", []],
  ])("%s", (_n, body, ids) => {
    expect(findMentions(body, members)).toEqual(ids);
  });
});

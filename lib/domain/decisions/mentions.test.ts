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

describe("mentions: what is not one", () => {
  it.each([
    ["a name without an @", "Hana Lima agrees", []],
    ["an email address whose domain is someone's handle", "mail it to bob@cto.example", []],
  ])("%s", (_n, body, ids) => {
    expect(findMentions(body, members)).toEqual(ids);
  });

  it("a member with a blank name is never mentioned by a bare @, and spaces around a name do not count", () => {
    const people = [
      { id: "blank", name: "   ", email: "@x.test" },
      { id: "spaced", name: "  Ana Lima ", email: "al@x.test" },
    ];
    expect(findMentions("meet @ noon", people)).toEqual([]);
    expect(findMentions("@Ana Lima, see this", people)).toEqual(["spaced"]);
  });
});

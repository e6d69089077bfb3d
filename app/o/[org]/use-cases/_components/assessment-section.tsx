"use client";
/**
 * The use-case form's Assessment section: which answers are still missing (each a link to its
 * field), then each group of answers, each answer with the input its kind takes (yes/no, a choice
 * or a number), its help and its sources.
 */
import { ANSWER_KEYS, ANSWER_LABELS, answerApplies, DOES_NOT_APPLY, missingAnswers, type AnswerKey } from "@/lib/domain/assessment";
import { ANSWER_HELP, ASSESSMENT_SECTIONS, shortCitation } from "@/lib/domain/assessment-help";
import { sourceTitle } from "@/lib/domain/sources";
import { answerIsInteger, answerKind, answerOptions, answersFromFormValues, type UseCaseFormValues } from "@/lib/domain/use-case-form";
import { FieldError, fieldId, inputClass, Section } from "./form-fields";

export function AssessmentSection(props: {
  values: UseCaseFormValues;
  err: (path: string) => string[] | undefined;
  onAnswer: (key: AnswerKey, value: string) => void;
  blur: (path: string) => void;
}) {
  const answers = answersFromFormValues(props.values);
  const missing = missingAnswers(answers);
  return (
    <Section id="assessment" title="Assessment">
      <div className="rounded border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="missing-answers">
        {missing.length === 0 ? (
          <p>Every answer is given.</p>
        ) : (
          <>
            <p className="font-medium">
              Still unanswered: {missing.length} of {ANSWER_KEYS.length}. Every answer is optional while drafting; the recommendation says what it was missing.
            </p>
            <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
              {missing.map((k) => (
                <li key={k}>
                  <a className="text-amber-900 underline" href={`#${fieldId(`assessment.${k}`)}`}>
                    {ANSWER_LABELS[k]}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {ASSESSMENT_SECTIONS.map((section) => (
        <fieldset key={section.id} className="space-y-4 rounded border border-zinc-200 p-4">
          <legend className="px-1 text-base font-semibold">{section.title}</legend>
          {section.keys.map((key) => (
            <AnswerInput key={key} answerKey={key} applies={answerApplies(answers, key)} value={props.values.assessment[key]} error={props.err(`assessment.${key}`)} onChange={(v) => props.onAnswer(key, v)} onBlur={() => props.blur(`assessment.${key}`)} />
          ))}
        </fieldset>
      ))}
    </Section>
  );
}

function Citation({ answerKey }: { answerKey: AnswerKey }) {
  const sources = ANSWER_HELP[answerKey].sources;
  const title = sources.map((s) => `${sourceTitle(s.seed)}${s.where ? `: ${s.where}` : ""}`).join("\n");
  return (
    <span className="text-zinc-500" title={title}>
      Sources: {shortCitation(sources)}
    </span>
  );
}

function AnswerInput(props: { answerKey: AnswerKey; applies: boolean; value: string; error?: string[]; onChange: (v: string) => void; onBlur: () => void }) {
  const { answerKey: key, value, error } = props;
  const path = `assessment.${key}`;
  const id = fieldId(path);
  const help = ANSWER_HELP[key];
  const kind = answerKind(key);
  const describedBy = [`${id}-help`, error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const helpText = (
    <p id={`${id}-help`} className="mt-1 text-xs text-zinc-600">
      {help.help} <Citation answerKey={key} />
    </p>
  );
  if (kind === "boolean") {
    return (
      <fieldset data-field={path} aria-describedby={describedBy} aria-invalid={!!error}>
        <legend className="text-sm font-medium text-zinc-800">{ANSWER_LABELS[key]}</legend>
        <div className="mt-1 flex gap-4 text-sm" role="radiogroup">
          {[
            ["yes", "Yes"],
            ["no", "No"],
            ["", "Unanswered"],
          ].map(([v, label], i) => (
            <label key={v} className="flex items-center gap-1">
              <input id={i === 0 ? id : undefined} type="radio" name={path} value={v} checked={value === v} onChange={() => props.onChange(v!)} onBlur={props.onBlur} />
              {label}
            </label>
          ))}
        </div>
        {helpText}
        {error && <FieldError id={`${id}-error`} messages={error} />}
      </fieldset>
    );
  }
  if (kind === "enum") {
    return (
      <div data-field={path}>
        <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
          {ANSWER_LABELS[key]}
        </label>
        <select id={id} className={inputClass} value={value} onChange={(e) => props.onChange(e.target.value)} onBlur={props.onBlur} aria-invalid={!!error} aria-describedby={describedBy}>
          <option value="">Unanswered</option>
          {answerOptions(key).map((o) => (
            <option key={o} value={o}>
              {help.options?.[o] ?? o}
            </option>
          ))}
        </select>
        {helpText}
        {error && <FieldError id={`${id}-error`} messages={error} />}
      </div>
    );
  }
  return (
    <div data-field={path}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {ANSWER_LABELS[key]}
        {help.unit && !/\(/.test(ANSWER_LABELS[key]) && !ANSWER_LABELS[key].toLowerCase().includes(help.unit.split(" ")[0]!) && (
          <span className="font-normal text-zinc-500"> ({help.unit})</span>
        )}
      </label>
      <input
        id={id}
        // Text, not type="number": a number input drops what it cannot read before the form sees
        // it ("2,5" became 25, "1.000.000" became 1, "-" unanswered); parseNumberInput says why instead.
        type="text"
        inputMode={answerIsInteger(key) ? "numeric" : "decimal"}
        autoComplete="off"
        className={`${inputClass} max-w-xs`}
        value={value}
        placeholder={props.applies ? "Unanswered" : DOES_NOT_APPLY}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
        aria-invalid={!!error}
        aria-describedby={describedBy}
      />
      {helpText}
      {error && <FieldError id={`${id}-error`} messages={error} />}
    </div>
  );
}

"use client";
import { useActionState } from "react";
import type { FormState } from "@/app/actions/auth-forms";

interface Props {
  mode: "signin" | "signup";
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  next: string;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null;
}

export function AuthForm({ mode, action, next }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const f = state.fields ?? {};
  return (
    <form action={formAction} className="form" noValidate>
      <input type="hidden" name="next" value={next} />
      {state.error ? (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      ) : null}
      {mode === "signup" ? (
        <label>
          Name (optional)
          <input
            name="name"
            autoComplete="name"
            maxLength={100}
            defaultValue={state.values?.name}
            aria-describedby="name-error"
          />
          <FieldError id="name-error" message={f.name} />
        </label>
      ) : null}
      <label>
        Email
        <input
          name="email"
          type="email"
          required
          autoComplete="email"
          maxLength={254}
          defaultValue={state.values?.email}
          aria-invalid={Boolean(f.email)}
          aria-describedby="email-error"
        />
        <FieldError id="email-error" message={f.email} />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          required
          autoComplete={mode === "signup" ? "new-password" : "current-password"}
          maxLength={128}
          aria-invalid={Boolean(f.password)}
          aria-describedby="password-error password-hint"
        />
        {mode === "signup" ? (
          <span id="password-hint" className="muted">
            At least 10 characters; not a common password.
          </span>
        ) : null}
        <FieldError id="password-error" message={f.password} />
      </label>
      <button type="submit" disabled={pending}>
        {mode === "signup" ? "Create account" : "Sign in"}
      </button>
    </form>
  );
}

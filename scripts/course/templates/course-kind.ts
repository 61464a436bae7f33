/** `course new course DIR`: the files of a minimal valid course package (one lesson; its assignment is added by the caller). */
export function courseFiles(title: string): Record<string, string> {
  return {
    "course.yaml": `# The course outline: units, lesson order, and which lesson each assignment belongs to. This file is the only
# place an assignment is linked to its lesson. Lessons are lessons/<slug>.mdx; assignments are assignments/<slug>/.
title: "${title}"
tagline: "TODO(author): one line about the course"
units:
  - title: "Unit 1"
    lessons:
      - welcome
assignments: {}
`,
    "lessons/welcome.mdx": `---
title: "Welcome"
summary: "TODO(author): one or two sentences shown in lesson lists and under the title."
minutes: 5
---

## What this course is about

TODO(author): write your first lesson here. Lessons are MDX: Markdown with maths ($e^{i\\pi} = -1$), code blocks
and the platform's components. Link to other lessons as \`/lessons/<slug>\` and to assignments as
\`/assignments/<slug>\`; \`npm run course -- check\` verifies every link.
`,
    "README.md": `# ${title}

A course package for [Unlabeled](https://github.com/): course.yaml, lessons/*.mdx and one folder per assignment
(assignments/<slug>/ with its public files and, in hidden/, its checks and reference solution).

    npm run course -- check --course .        # validate (schema, links, rubric, reference 100%, starter fails)
    npm run course -- preview --course .      # serve it for yourself, reloading on every change
    COURSE_DIR=$PWD npm start                 # serve it to students (from the platform's folder)

The format is described in the platform's docs/course-format.md, the checks' API in docs/grader-sdk.md.
`,
    ".gitignore": "node_modules/\n",
  };
}

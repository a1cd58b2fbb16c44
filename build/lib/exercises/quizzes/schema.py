"""The content schema: question banks and the final test (structure and types).

Pydantic checks shape and types; rules that span several fields (exactly one
correct option, references between matching terms and definitions, unique ids)
live in ``checks.py`` so that each error can point at the exact line.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=2, max_length=80)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Option(Strict):
    text: Text
    correct: bool = False
    feedback: Text


class QuestionBase(Strict):
    id: Id
    prompt: Text
    explanation: Text
    hint: Text | None = None


class SingleChoice(QuestionBase):
    type: Literal["single"]
    options: Annotated[list[Option], Field(min_length=2)]
    shuffle: bool = True


class MultipleChoice(QuestionBase):
    type: Literal["multiple"]
    options: Annotated[list[Option], Field(min_length=2)]
    shuffle: bool = True


class TrueFalse(QuestionBase):
    type: Literal["true-false"]
    answer: bool
    feedback_true: Text
    feedback_false: Text


class Numeric(QuestionBase):
    type: Literal["numeric"]
    answer: float | int
    tolerance: Annotated[float | int, Field(ge=0)] = 0
    # The unit the prompt names ("%", "€", "Stunden"): learners may type it after the number.
    unit: str | None = None
    # Set when the prompt asks for rounding to this many decimal places: then the tolerance
    # allows at most half a unit of the last place (3,6 is wrong for 3,57 with decimals: 2).
    decimals: Annotated[int, Field(ge=0, le=6)] | None = None


class ShortText(QuestionBase):
    type: Literal["text"]
    accepted: Annotated[list[Text], Field(min_length=1)]


class Term(Strict):
    id: Id
    text: Text
    match: Id


class Definition(Strict):
    id: Id
    text: Text


class Matching(QuestionBase):
    type: Literal["matching"]
    terms: Annotated[list[Term], Field(min_length=2)]
    definitions: Annotated[list[Definition], Field(min_length=2)]


class Ordering(QuestionBase):
    type: Literal["ordering"]
    items: Annotated[list[Text], Field(min_length=2)]


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | Numeric | ShortText | Matching | Ordering,
    Field(discriminator="type"),
]

QUESTION_TYPES = ("single", "multiple", "true-false", "numeric", "text", "matching", "ordering")


class Bank(Strict):
    """A chapter's question bank."""

    title: Text
    chapter: Id
    questions: Annotated[list[Question], Field(min_length=1)]


class Draw(Strict):
    bank: Id
    count: Annotated[int, Field(ge=1)]


class FinalTest(Strict):
    """The final test: questions drawn from the chapter banks, with a pass mark."""

    title: Text
    chapter: Id
    final: Literal[True]
    pass_mark: Annotated[float, Field(gt=0, le=1)]
    draw: Annotated[list[Draw], Field(min_length=1)]
    certificate_title: Text

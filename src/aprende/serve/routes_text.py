"""POST /translate, /gpt (streamed) and /bert: the three jobs of the Transformer lab."""

from __future__ import annotations

import torch
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from aprende.core.errors import AprendeError
from aprende.serve.limits import hold
from aprende.serve.schemas import Attention, BertIn, BertOut, ErrorOut, GPTIn, GPTOut, TranslateIn, TranslateOut, Word
from aprende.transformer.bert import fill
from aprende.transformer.gpt import pieces

router = APIRouter(responses={422: {"model": ErrorOut}})  # our error shape, not FastAPI's
ERRORS = {code: {"model": ErrorOut} for code in (413, 422, 503, 504)}


def _text(value: str) -> str:
    """White space alone is empty text, as on the command line."""
    if not value.strip():
        raise AprendeError("serve.empty_text", field="text")
    return value.strip()


def _translate(loaded, body: TranslateIn) -> TranslateOut:
    tr, text = loaded.model, _text(body.text)
    # One at a time: reading the attention switches a flag on the shared model's layers, seen by every decode.
    with hold(loaded.lock), torch.no_grad():
        out = TranslateOut(translation=tr.translate([text], beam=body.beam)[0])
        if body.attention:
            src, tgt, weights = tr.attention(text)
            last = weights[-1].float().mean(0)  # (T, S): the last layer, heads averaged
            tgt = list(tgt) + ["<eos>"] * (last.shape[0] - len(tgt))  # the row that chose to stop has no word
            out.attention = Attention(source=list(src), target=tgt,
                                      weights=[[round(float(v), 4) for v in row] for row in last])
    return out


@router.post("/translate", response_model=TranslateOut, responses=ERRORS, summary="Spanish → English")
async def translate(request: Request, body: TranslateIn):
    state = request.app.state.serve
    _text(body.text)
    loaded = await state.runner(state.models.get, "translate")
    return await state.runner(_translate, loaded, body)


def _pieces(loaded, body: GPTIn):
    """The lab's own streamed writing (gpt.pieces) on the shared model; it stops when the call's deadline
    (core.deadline, set by the runner around each step) has passed."""
    yield from pieces(loaded.model, body.prompt, body.max_new_tokens, body.temperature, body.top_k, body.top_p,
                      body.seed)


@router.post("/gpt", response_model=GPTOut, responses={200: {"content": {"text/plain": {}}}, **ERRORS},
             summary="Prompt → the GPT's continuation, streamed as text/plain (or one JSON object with stream=false)")
async def gpt(request: Request, body: GPTIn):
    state = request.app.state.serve
    loaded = await state.runner(state.models.get, "gpt")
    if body.stream:
        async def chunks():  # each step on the runner's workers, under one deadline, like every other call
            yield body.prompt
            async for piece in state.runner.stream(_pieces, loaded, body):
                if piece:
                    yield piece

        return StreamingResponse(chunks(), media_type="text/plain; charset=utf-8")
    text = await state.runner(lambda: "".join(_pieces(loaded, body)))
    return GPTOut(prompt=body.prompt, text=text)


def _fill(loaded, body: BertIn) -> BertOut:
    """The lab's own fill (bert.fill) on the shared model: the likeliest whole words for each [MASK]."""
    masks = fill(loaded.model, _text(body.text), body.top_k)
    return BertOut(masks=[[Word(word=w, probability=round(p, 5)) for w, p in words] for words in masks])


@router.post("/bert", response_model=BertOut, responses=ERRORS, summary="Sentence with [MASK] → likeliest words")
async def bert(request: Request, body: BertIn):
    state = request.app.state.serve
    _text(body.text)
    if "[MASK]" not in body.text:
        raise AprendeError("transformer.no_mask", text=body.text)
    loaded = await state.runner(state.models.get, "bert")
    return await state.runner(_fill, loaded, body)

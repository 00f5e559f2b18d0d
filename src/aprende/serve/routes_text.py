"""POST /translate, /gpt (streamed) and /bert: the three jobs of the Transformer lab."""

from __future__ import annotations

import torch
from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from aprende.core.deadline import passed
from aprende.core.errors import AprendeError
from aprende.serve.limits import hold
from aprende.serve.schemas import Attention, BertIn, BertOut, ErrorOut, GPTIn, GPTOut, TranslateIn, TranslateOut, Word
from aprende.transformer.model import generate
from aprende.transformer.text import EOS, MASK, SPECIALS

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
    """The lab's streamed writing (gpt.write) on the shared model: yield text as soon as it is whole UTF-8, and stop
    when the call's deadline (core.deadline, set by the runner around each step) has passed."""
    model, tok = loaded.model, loaded.extra
    ids = ([EOS] + tok.encode(body.prompt).ids)[-model.cfg.context:]
    device = next(model.parameters()).device
    gen = torch.Generator(device=device).manual_seed(body.seed)
    new, shown = [], ""
    steps = generate(model, torch.tensor([ids], device=device), body.max_new_tokens, body.temperature,
                     body.top_k, body.top_p, True, gen, stop_id=EOS)
    while not passed():
        with torch.no_grad():  # per step: a streamed response may resume on another thread
            nxt = next(steps, None)
        if nxt is None or int(nxt) == EOS:
            break
        new.append(int(nxt))
        text = tok.decode(new)
        if not text.endswith("\ufffd"):  # wait until a split accent or symbol is whole
            yield text[len(shown):]
            shown = text
    yield tok.decode(new)[len(shown):]


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
    """The lab's fill, on the shared model: the likeliest whole words for each [MASK]."""
    text = _text(body.text)
    if "[MASK]" not in text:
        raise AprendeError("transformer.no_mask", text=text)
    model, tok = loaded.model, loaded.extra
    ids, pieces = [EOS], text.split("[MASK]")
    for i, piece in enumerate(pieces):
        ids += tok.encode(piece.rstrip(" ") if i < len(pieces) - 1 else piece).ids
        if i < len(pieces) - 1:
            ids.append(MASK)
    ids.append(EOS)
    if len(ids) > model.cfg.context:
        raise AprendeError("transformer.fill_too_long", tokens=len(ids), context=model.cfg.context)
    x = torch.tensor([ids], device=next(model.parameters()).device)
    with torch.no_grad():
        probs = model(x)[0].float().softmax(-1)
    probs[:, :len(SPECIALS)] = 0
    masks = []
    for pos in (x[0] == MASK).nonzero().flatten().tolist():
        p, idx = probs[pos].sort(descending=True)
        words = []
        for q, i in zip(p.tolist(), idx.tolist()):
            word = tok.decode([i]).strip()
            if any(ch.isalnum() for ch in word):
                words.append(Word(word=word, probability=round(q, 5)))
            if len(words) == body.top_k:
                break
        masks.append(words)
    return BertOut(masks=masks)


@router.post("/bert", response_model=BertOut, responses=ERRORS, summary="Sentence with [MASK] → likeliest words")
async def bert(request: Request, body: BertIn):
    state = request.app.state.serve
    _text(body.text)
    if "[MASK]" not in body.text:
        raise AprendeError("transformer.no_mask", text=body.text)
    loaded = await state.runner(state.models.get, "bert")
    return await state.runner(_fill, loaded, body)

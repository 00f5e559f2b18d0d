"""POST /classify and /detect: an image in (recognised by its content), classes or boxes out."""

from __future__ import annotations

import io

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from aprende.serve.schemas import Box, ClassifyOut, ClassScore, DetectOut, ErrorOut
from aprende.serve.uploads import as_file

router = APIRouter(responses={422: {"model": ErrorOut}})  # our error shape, not FastAPI's
ERRORS = {code: {"model": ErrorOut} for code in (413, 422, 503, 504)}


def _classify(loaded, data: bytes, filename: str | None, top_k: int) -> ClassifyOut:
    import torch

    from aprende.vision.evaluate import predict_logits
    from aprende.vision.images import open_image, to_array

    with as_file(data, filename, "image") as path:
        img = open_image(path)
    model, cfg = loaded.model, loaded.extra
    x = torch.from_numpy(to_array(img, cfg["channels"], tuple(cfg["size"])))[None]
    with torch.no_grad():
        probs = torch.softmax(predict_logits(model, x, cfg), dim=1)[0]
    values, index = probs.topk(min(top_k, len(probs)))
    return ClassifyOut(top=[ClassScore(label=cfg["classes"][int(i)], probability=round(float(v), 5))
                            for v, i in zip(values, index)], classes=list(cfg["classes"]))


def _detect(loaded, data: bytes, filename: str | None, conf: float, iou: float):
    """(boxes JSON, RGB image) through the lab's own checks and its predict_image."""
    import torch
    from PIL import Image

    from aprende.detection.data import image_size

    with as_file(data, filename, "image") as path:
        image_size(path)
        with Image.open(path) as im:
            img = im.convert("RGB")
    classes = loaded.extra
    with torch.no_grad():
        boxes, scores, labels = loaded.model(img, conf, iou)
    out = DetectOut(width=img.width, height=img.height, classes=list(classes), boxes=[
        Box(label=classes[int(c)], score=round(float(s), 4), box=[round(float(v), 1) for v in b])
        for b, s, c in zip(boxes, scores, labels)])
    return out, img, (boxes, scores, labels)


@router.post("/classify", response_model=ClassifyOut, responses=ERRORS, summary="Image → top-k classes")
async def classify(request: Request, file: UploadFile = File(description="any image Pillow reads"),
                   top_k: int = Query(3, ge=1, le=20)):
    state = request.app.state.serve
    data = await file.read()
    loaded = await state.runner(state.models.get, "classify")
    return await state.runner(_classify, loaded, data, file.filename, top_k)


@router.post("/detect", response_model=DetectOut, responses=ERRORS, summary="Image → boxes")
async def detect(request: Request, file: UploadFile = File(description="any image Pillow reads"),
                 conf: float = Query(0.25, ge=0, le=1), iou: float = Query(0.45, ge=0, le=1)):
    state = request.app.state.serve
    data = await file.read()
    loaded = await state.runner(state.models.get, "detect")
    out, _, _ = await state.runner(_detect, loaded, data, file.filename, conf, iou)
    return out


def _annotated(loaded, data, filename, conf, iou) -> bytes:
    from aprende.detection.evaluate import draw

    out, img, (boxes, scores, labels) = _detect(loaded, data, filename, conf, iou)
    buf = io.BytesIO()
    draw(img, boxes, scores, labels, out.classes).save(buf, "JPEG", quality=90)
    return buf.getvalue()


@router.post("/detect/image", responses={200: {"content": {"image/jpeg": {}}}, **ERRORS},
             response_class=Response, summary="Image → the same image with its boxes drawn (JPEG)")
async def detect_image(request: Request, file: UploadFile = File(description="any image Pillow reads"),
                       conf: float = Query(0.25, ge=0, le=1), iou: float = Query(0.45, ge=0, le=1)):
    state = request.app.state.serve
    data = await file.read()
    loaded = await state.runner(state.models.get, "detect")
    return Response(await state.runner(_annotated, loaded, data, file.filename, conf, iou), media_type="image/jpeg")

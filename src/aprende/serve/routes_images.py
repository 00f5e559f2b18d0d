"""POST /classify and /detect: an image in (recognised by its content), classes or boxes out."""

from __future__ import annotations

import io

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response

from aprende.core.images import SERVER_MAX_PIXELS
from aprende.detection.data import open_picture
from aprende.detection.draw import draw
from aprende.serve.defaults import CLASSIFY_TOP_K, DETECT_CONF, DETECT_IOU
from aprende.serve.schemas import Box, ClassifyOut, ClassScore, DetectOut, ErrorOut
from aprende.serve.uploads import display_name

router = APIRouter(responses={422: {"model": ErrorOut}})  # our error shape, not FastAPI's
ERRORS = {code: {"model": ErrorOut} for code in (413, 422, 503, 504)}
IMAGE_FILE = File(description="PNG, JPEG, BMP, GIF, TIFF or WebP, recognised by its content")


def _classify(loaded, data: bytes, filename: str | None, top_k: int) -> ClassifyOut:
    """The upload through the loaded vision.run.Classifier (the safe opener, with the server's pixel limit)."""
    classifier = loaded.model
    top = classifier.classify(data, top_k, display_name(filename, "image"), max_pixels=SERVER_MAX_PIXELS)
    return ClassifyOut(top=[ClassScore(label=c, probability=round(p, 5)) for c, p in top],
                       classes=classifier.classes)


def _detect(loaded, data: bytes, filename: str | None, conf: float, iou: float):
    """(boxes JSON, RGB image, (boxes, scores, labels)) through the lab's own image checks and its Detector."""
    img = open_picture(data, filename, max_pixels=SERVER_MAX_PIXELS)
    detector = loaded.model
    found = detector(img, conf, iou)
    out = DetectOut(width=img.width, height=img.height, classes=list(detector.classes),
                    boxes=[Box(label=r["class"], score=r["score"], box=r["box"]) for r in detector.records(*found)])
    return out, img, found


@router.post("/classify", response_model=ClassifyOut, responses=ERRORS, summary="Image → top-k classes")
async def classify(request: Request, file: UploadFile = IMAGE_FILE,
                   top_k: int = Query(CLASSIFY_TOP_K, ge=1, le=20)):
    state = request.app.state.serve
    data = await file.read()
    loaded = await state.runner(state.models.get, "classify")
    return await state.runner(_classify, loaded, data, file.filename, top_k)


@router.post("/detect", response_model=DetectOut, responses=ERRORS, summary="Image → boxes")
async def detect(request: Request, file: UploadFile = IMAGE_FILE,
                 conf: float = Query(DETECT_CONF, ge=0, le=1), iou: float = Query(DETECT_IOU, ge=0, le=1)):
    state = request.app.state.serve
    data = await file.read()
    loaded = await state.runner(state.models.get, "detect")
    out, _, _ = await state.runner(_detect, loaded, data, file.filename, conf, iou)
    return out


def _annotated(loaded, data, filename, conf, iou) -> bytes:
    out, img, (boxes, scores, labels) = _detect(loaded, data, filename, conf, iou)
    buf = io.BytesIO()
    draw(img, boxes, scores, labels, out.classes).save(buf, "JPEG", quality=90)
    return buf.getvalue()


@router.post("/detect/image", responses={200: {"content": {"image/jpeg": {}}}, **ERRORS},
             response_class=Response, summary="Image → the same image with its boxes drawn (JPEG)")
async def detect_image(request: Request, file: UploadFile = IMAGE_FILE,
                       conf: float = Query(DETECT_CONF, ge=0, le=1), iou: float = Query(DETECT_IOU, ge=0, le=1)):
    state = request.app.state.serve
    data = await file.read()
    loaded = await state.runner(state.models.get, "detect")
    return Response(await state.runner(_annotated, loaded, data, file.filename, conf, iou), media_type="image/jpeg")

"""Article 1, "¿Cómo funcionan los Transformers?": the paper's architecture from its parts, and its three jobs.

    from aprende.transformer import load_gpt, write, load_bert, fill, load_translator
    lm = load_gpt()                                   # the shipped GPT (or load_gpt("runs/gpt/exp"))
    write(lm, "El amor", max_new_tokens=20)           # streamed generation
    fill(load_bert(), "El que busca [MASK] .")        # BERT's guesses for the mask
    load_translator().translate(["Hola."], beam=4)    # the paper's encoder-decoder
"""

from aprende.core.lazy import lazy_exports

# public name -> the module that defines it; imported on first use, so `aprende --help` stays fast
EXPORTS = {
    # the parts
    "MultiHeadAttention": "aprende.transformer.attention",
    "attend": "aprende.transformer.attention",
    "TransformerConfig": "aprende.transformer.layers",
    "BERT": "aprende.transformer.model",
    "GPT": "aprende.transformer.model",
    "Seq2Seq": "aprende.transformer.model",
    "generate": "aprende.transformer.model",
    "sample": "aprende.transformer.model",
    # the one loader (a run folder or the shipped model)
    "TextModel": "aprende.transformer.run",
    "Translator": "aprende.transformer.run",
    "load_gpt": "aprende.transformer.run",
    "load_bert": "aprende.transformer.run",
    "load_translator": "aprende.transformer.run",
    # the jobs
    "GPTSettings": "aprende.transformer.gpt",
    "write": "aprende.transformer.gpt",
    "pieces": "aprende.transformer.gpt",
    "BERTSettings": "aprende.transformer.bert",
    "fill": "aprende.transformer.bert",
    "TranslateSettings": "aprende.transformer.translate_train",
}
__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)

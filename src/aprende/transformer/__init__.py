"""Article 1, "¿Cómo funcionan los Transformers?": the paper's architecture from its parts, and its three jobs."""

from aprende.transformer.attention import MultiHeadAttention, attend
from aprende.transformer.layers import TransformerConfig
from aprende.transformer.model import BERT, GPT, Seq2Seq, generate, sample

__all__ = ["BERT", "GPT", "MultiHeadAttention", "Seq2Seq", "TransformerConfig", "attend", "generate", "sample"]

# The jobs (they load tokenizers and core; import them where needed):
#   aprende.transformer.run:   load_gpt, load_bert, load_translator (the one loader: a run folder or the shipped model)
#   aprende.transformer.gpt:   GPTSettings, train, evaluate, write (streamed generation), pieces
#   aprende.transformer.bert:  BERTSettings, train, fill
#   aprende.transformer.translate: evaluate, bleu_on, plot_attention
#   aprende.transformer.translate_train: TranslateSettings, train

"""Article 1, "¿Cómo funcionan los Transformers?": the paper's architecture from its parts, and its three jobs."""

from aprende.transformer.attention import MultiHeadAttention, attention
from aprende.transformer.layers import TransformerConfig
from aprende.transformer.model import BERT, GPT, Seq2Seq, generate, sample

__all__ = ["BERT", "GPT", "MultiHeadAttention", "Seq2Seq", "TransformerConfig", "attention", "generate", "sample"]

# The jobs (they load tokenizers and core; import them where needed):
#   aprende.transformer.gpt:  GPTSettings, train, evaluate, write (streamed generation), load_model
#   aprende.transformer.bert: BERTSettings, train, fill
#   aprende.transformer.translate: load_translator (.translate, .attention, .direction), evaluate, plot_attention
#   aprende.transformer.translate_train: TranslateSettings, train

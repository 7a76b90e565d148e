#!/usr/bin/env bash
# Train the shipped pipeline from scratch: `make model`. CPU only, < 90 minutes on 2 cores.
#   training/make_model.sh CORPORA_DIR BUILD_DIR MODEL_OUT
# 1. convert the corpora; build the common-word list, the raw text and the static vectors;
# 2. train one pipeline (shared tok2vec; tagger, morphologizer, lemmatizer, parser, NER) on
#    EWT + CoNLL++ + UNER together (configs/pipeline.cfg);
# 3. score it on EWT dev, CoNLL++ dev and GUM dev, and save it with the first two to MODEL_OUT.
# TRAIN_SETS names the training files (build/corpus/<name>.spacy); the defaults of TRAIN_SETS,
# VECTOR_WORDS, GMB_SENTENCES, PERSON_NAMES and MAX_STEPS are the shipped 0.3.0's recipe. The 0.4 candidate (docs/model.md,
# "The 0.4 candidate") is TRAIN_SETS="ewt-train gum-train conll-train uner-train-nomisc
# re3d-train uner-pud-train gmb-train" GMB_SENTENCES=3000 VECTOR_WORDS=all.
set -euo pipefail
corpora=${1:?corpora folder}; build=${2:?build folder}; out=${3:?model output folder}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
py=${PYTHON:-python}
seed=${SEED:-0}
train_sets=${TRAIN_SETS:-ewt-train conll-train uner-train}
# VECTOR_WORDS=news: the vectors' words come from the news corpus and EWT only (0.3.0);
# VECTOR_WORDS=all: also from the further corpora and MiniLM's own vocabulary (raw_text.py --extra,
# minilm_vectors.py --wordpiece-words).
vector_words=${VECTOR_WORDS:-news}
# GMB_SENTENCES: how many GMB sentences gmb-train.spacy samples (machine-made tags: kept small).
gmb_sentences=${GMB_SENTENCES:-10000}
# PERSON_NAMES=none: the augmentation renames people from Faker's locales only (0.3.0);
# PERSON_NAMES=corpora: also with whole names from re3d, PUD and all of GMB (person_names.py).
person_names=${PERSON_NAMES:-none}
# MAX_STEPS: training steps (the best checkpoint on the dev set is kept).
max_steps=${MAX_STEPS:-12000}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"

mkdir -p "$build"
"$py" "$here/convert.py" --corpora "$corpora" --out "$build/corpus"
"$py" -m training.corpora_extra --corpora "$corpora" --out "$build/corpus" --uner-ewt \
  --gmb-max-sentences "$gmb_sentences"
"$py" "$here/common_words.py" --news "$corpora/../corpus/news.jsonl.gz" \
  --out "$root/newsextract/data/lowercase_words.txt"
case $vector_words in
  news) raw_extra=(); vector_extra=() ;;
  all) raw_extra=(--extra "$build/corpus"); vector_extra=(--wordpiece-words) ;;
  *) echo "VECTOR_WORDS must be news or all, not $vector_words" >&2; exit 2 ;;
esac
"$py" "$here/raw_text.py" --corpora "$corpora" --news "$corpora/../corpus/news.jsonl.gz" \
  --out "$build/raw.jsonl" "${raw_extra[@]}"
"$py" "$here/minilm_vectors.py" --raw "$build/raw.jsonl" --out "$build/vectors" "${vector_extra[@]}"
case $person_names in
  none) names_arg=() ;;
  corpora)
    "$py" -m training.person_names "$build"/corpus/{re3d-train,uner-pud-train}.spacy \
      --gmb "$corpora/ner_extra/gmb_ner_dataset.csv.gz" --out "$build/person_names.txt"
    names_arg=(--paths.person_names "$build/person_names.txt") ;;
  *) echo "PERSON_NAMES must be none or corpora, not $person_names" >&2; exit 2 ;;
esac

rm -rf "$build/corpus/train" "$build/corpus/dev"
mkdir -p "$build/corpus/train" "$build/corpus/dev"
for name in $train_sets; do cp "$build/corpus/$name.spacy" "$build/corpus/train/"; done
cp "$build"/corpus/{ewt-dev,conll-dev}.spacy "$build/corpus/dev/"

echo "training (log: $build/train.log)"
"$py" -m spacy train "$here/configs/pipeline.cfg" --code "$here/registered.py" \
  --output "$build/trained" --paths.train "$build/corpus/train" --paths.dev "$build/corpus/dev" \
  --paths.vectors "$build/vectors" --system.seed "$seed" \
  --training.max_steps "$max_steps" "${names_arg[@]}" > "$build/train.log" 2>&1 \
  || { echo "training failed: see $build/train.log" >&2; exit 1; }

for set in ewt-dev ewt-dev-sent conll-dev gum-dev-sent gum-dev-news-sent; do
  "$py" -m spacy evaluate "$build/trained/model-best" "$build/corpus/$set.spacy" \
    --code "$here/registered.py" --output "$build/$set.json" > /dev/null
done
"$py" -m training.assemble --trained "$build/trained/model-best" --out "$out" \
  --scores "ewt_dev_=$build/ewt-dev.json" "ewt_dev_sent_=$build/ewt-dev-sent.json" \
  "conll_dev_=$build/conll-dev.json" --train-sets $train_sets

// The cases' words with their Chinese labels, read once from the server (GET /api/cases/vocabulary) and
// shared by every cases page: the web app keeps no copy of the engine's labels.
import { ref } from 'vue';
import { showError } from '@/shared/notify';
import { getVocabulary, type CaseState, type CaseType, type CaseVocabulary } from './api';

const vocabulary = ref<CaseVocabulary | null>(null);
let loading: Promise<void> | null = null;

function load(): Promise<void> {
  loading ??= getVocabulary()
    .then((v) => {
      vocabulary.value = v;
    })
    .catch((e: unknown) => {
      loading = null;
      showError(e, '加载事项词汇失败');
    });
  return loading;
}

const labelIn = (list: { value: string; label: string }[] | undefined, value: string) =>
  list?.find((x) => x.value === value)?.label ?? value;

export function useCaseVocabulary() {
  void load();
  return {
    vocabulary,
    typeLabel: (t: CaseType) => labelIn(vocabulary.value?.types, t),
    stateLabel: (s: CaseState) => labelIn(vocabulary.value?.states, s),
    // The states a type uses, in order (the list's tabs).
    statesOf: (t: CaseType): CaseState[] =>
      vocabulary.value?.typeStates.find((x) => x.type === t)?.states ?? [],
  };
}

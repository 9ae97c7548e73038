// A form's refusal in words, under the form that asked (never in a slot shared with other screens).
import type { Action } from '../api/useAction';
import { errorText } from '../i18n';
import { ErrorLine } from './ui';

export function Refusal(props: { action: Pick<Action, 'error'> }) {
  return <ErrorLine text={props.action.error ? errorText(props.action.error) : null} />;
}

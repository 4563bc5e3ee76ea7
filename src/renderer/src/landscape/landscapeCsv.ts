/**
 * A landscape's grid as CSV, one row per point, for a spreadsheet or matplotlib:
 *   2-D  alpha,beta,loss[,accuracy]
 *   1-D  alpha,loss[,accuracy]
 * then, for a path plane, a blank line and the path: step,epoch,alpha,beta,loss.
 * Numbers are written in full precision; a non-finite loss is an empty field.
 */
import type { LandscapeData } from '../../../shared/api/landscapeDto';

const field = (value: number | null): string => (value === null || !Number.isFinite(value) ? '' : String(value));

export function landscapeCsv(landscape: LandscapeData): string {
  const { alphas, betas, loss, accuracy } = landscape;
  const lines: string[] = [];
  const accuracyHeader = accuracy ? ',accuracy' : '';
  if (betas) {
    lines.push(`alpha,beta,loss${accuracyHeader}`);
    alphas.forEach((alpha, i) => betas.forEach((beta, j) => {
      const k = i * betas.length + j;
      lines.push([alpha, beta, field(loss[k]), ...(accuracy ? [field(accuracy[k])] : [])].join(','));
    }));
  } else {
    lines.push(`alpha,loss${accuracyHeader}`);
    alphas.forEach((alpha, i) => lines.push([alpha, field(loss[i]), ...(accuracy ? [field(accuracy[i])] : [])].join(',')));
  }
  const { path } = landscape;
  if (path) {
    lines.push('', 'step,epoch,alpha,beta,loss');
    path.step.forEach((step, k) => lines.push([step, path.epoch[k], path.alpha[k], path.beta[k], field(path.loss[k])].join(',')));
  }
  return `${lines.join('\n')}\n`;
}

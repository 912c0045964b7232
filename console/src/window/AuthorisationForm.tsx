import { useState } from 'react';
import { ID_DOCUMENT_TYPE_ZH, PRESENTER_BASIS_ZH } from '../../../shared/src/contracts/terms';
import type { IdDocumentType, PresenterBasis, WindowAuthorizationInput } from '../graphql/generated/operations';

/**
 * Step 2: what the window checked before issuing: who came for the subject (the legal representative
 * in person, or an agent with a power of attorney) and the identity document shown. Required: the
 * API refuses a window's issuance without it and keeps it with the report, the number masked.
 */
export function AuthorisationForm(props: {
  legalRepresentative: string | null | undefined;
  onConfirm: (a: WindowAuthorizationInput) => void;
  onBack: () => void;
}) {
  const [basis, setBasis] = useState<PresenterBasis>('LEGAL_REPRESENTATIVE' as PresenterBasis);
  const [personName, setPersonName] = useState('');
  const [docType, setDocType] = useState<IdDocumentType>('RESIDENT_ID_CARD' as IdDocumentType);
  const [docNumber, setDocNumber] = useState('');
  const [letter, setLetter] = useState('');
  const [checked, setChecked] = useState(false);
  const agent = basis === 'AUTHORISED_AGENT';
  return (
    <section className="card" aria-labelledby="auth-title">
      <h2 id="auth-title">第二步：核验授权与身份</h2>
      <p className="muted">
        请核对来办人的有效身份证件；代理人还须出示加盖主体公章的授权委托书。登记内容随报告留存，证件号码仅保存脱敏后的形式。
      </p>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm({
            basis,
            personName: personName.trim(),
            idDocumentType: docType,
            idDocumentNumber: docNumber.trim().toUpperCase(),
            powerOfAttorney: agent ? letter.trim() : null,
          });
        }}
      >
        <fieldset className="wide">
          <legend>来办人身份</legend>
          {Object.entries(PRESENTER_BASIS_ZH).map(([code, label]) => (
            <label key={code} className="choice">
              <input
                type="radio"
                name="w-basis"
                value={code}
                checked={basis === code}
                onChange={() => setBasis(code as PresenterBasis)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor="w-person">来办人姓名</label>
          <input
            id="w-person"
            value={personName}
            onChange={(e) => setPersonName(e.target.value)}
            maxLength={50}
            autoComplete="off"
            required
          />
          {!agent && props.legalRepresentative && (
            <p className="muted">登记的法定代表人：{props.legalRepresentative}</p>
          )}
        </div>
        <div>
          <label htmlFor="w-doc-type">证件类型</label>
          <select id="w-doc-type" value={docType} onChange={(e) => setDocType(e.target.value as IdDocumentType)}>
            {Object.entries(ID_DOCUMENT_TYPE_ZH).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="w-doc-number">证件号码</label>
          <input
            id="w-doc-number"
            value={docNumber}
            onChange={(e) => setDocNumber(e.target.value)}
            maxLength={30}
            autoComplete="off"
            required
          />
        </div>
        {agent && (
          <div>
            <label htmlFor="w-letter">授权委托书编号或出具日期</label>
            <input
              id="w-letter"
              value={letter}
              onChange={(e) => setLetter(e.target.value)}
              maxLength={60}
              autoComplete="off"
              required
            />
          </div>
        )}
        <div className="wide">
          <label className="choice">
            <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} required />
            已当面核对证件与本人一致{agent ? '，授权委托书真实有效' : ''}
          </label>
        </div>
        <div className="wide">
          <button type="submit">确认授权</button>
          <button type="button" className="secondary" onClick={props.onBack}>
            重新查找主体
          </button>
        </div>
      </form>
    </section>
  );
}

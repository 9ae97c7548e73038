// Every journal kind in words, and an entry's key facts (trade number, amount, reason …) read from its payload:
// what the audit log, a trade's detail and the Z-report show instead of the stored code.
import type { JournalKind } from '../contract/journal-kinds';
import { formatRate, formatYuan } from '../domain/money';
import { catalogChangeFacts, isCatalogChange } from './catalog';
import type { Lang } from './lang';
import { settingChangeFacts } from './settings';
import {
  FORM_WORDS,
  fundsText,
  ID_TYPE_WORDS,
  METHOD_WORDS,
  needWords,
  OUTCOME_WORDS,
  ROLE_WORDS,
  VERIFIED_WORDS,
  wordOf,
} from './terms';

export const JOURNAL_WORDS: Record<Lang, Record<JournalKind, string>> = {
  'zh-CN': {
    'setup.completed': '完成开店设置',
    'keys.unlocked': '用恢复口令解锁密钥',
    'prefs.language': '切换界面语言',
    'settings.updated': '修改设置',
    'settings.changed': '修改设置',
    'shop.updated': '修改店铺信息',
    'auth.login': '登录',
    'auth.logout': '退出登录',
    'auth.pinChanged': '修改 PIN',
    'auth.pinRecovered': '用恢复口令重设店主 PIN',
    'auth.pinWrong': 'PIN 输错',
    'auth.recoveryFailed': '恢复口令输错',
    'auth.recoveryLockedOut': '恢复口令输错太多次，暂时锁定',
    'auth.recoveryRefusedLocked': '锁定期间试用恢复口令被拒',
    'keys.rewrapped': '密钥按更强的参数重新加密',
    'auth.lockedOut': 'PIN 输错过多，已锁定',
    'auth.pinRefusedLocked': '锁定中输入 PIN，被拒',
    'auth.denied': '没有权限，被拒',
    'staff.added': '添加员工',
    'staff.updated': '修改员工',
    'staff.pinReset': '重设员工 PIN',
    'staff.phoneRevealed': '查看员工手机号',
    'staff.lockoutCleared': '解除员工锁定',
    'catalog.upserted': '修改品牌目录',
    'quote.added': '添加参考报价',
    'quote.updated': '修改参考报价',
    'quote.expired': '参考报价置为过期',
    'quote.removed': '删除参考报价',
    'quotes.stillValid': '确认参考报价仍有效',
    'quotes.imported': '导入参考报价',
    'trade.created': '开新单',
    'trade.lineAdded': '加卡',
    'trade.lineRemoved': '移出卡片',
    'trade.lineVerified': '核验余额',
    'trade.lineEdited': '更正卡片',
    'trade.offered': '报价',
    'trade.asked': '顾客要价',
    'trade.agreed': '谈妥',
    'trade.paid': '已付款',
    'trade.voided': '作废',
    'trade.cardRevealed': '查看完整卡号卡密',
    'customer.attached': '登记顾客手机号',
    'customer.identified': '登记顾客身份',
    'customer.identityChanged': '更换顾客身份证件（店主批准）',
    'customer.fundsSource': '登记资金来源',
    'customer.blocked': '停止与顾客交易',
    'customer.unblocked': '恢复与顾客交易',
    'customer.revealed': '查看顾客完整号码',
    'watchlist.added': '添加挂失',
    'watchlist.imported': '导入挂失名单',
    'watchlist.removed': '移出挂失名单',
    'compliance.override': '店主放行',
    'compliance.refused': '合规拦截',
    'compliance.exported': '导出合规报表',
    'day.opened': '开业',
    'day.cashIn': '存入现金',
    'day.cashOut': '取出现金',
    'day.handover': '交班',
    'day.counted': '结账清点',
    'day.sealed': '结账封账',
    'day.discrepancyApproved': '审批钱箱差额',
    'day.zPrinted': '打印 Z 报表',
    'ledger.exported': '导出账本',
    'drawer.opened': '打开钱箱',
    'print.reprint': '重印小票',
    'print.test': '打印测试页',
    'printer.settings': '修改打印机设置',
    'resale.batchCreated': '建转售批次',
    'resale.secretsRevealed': '查看批次卡号卡密',
    'resale.settled': '登记批次回款',
    'resale.cardSettled': '登记单卡回款',
    'resale.invalid': '卡片无效',
    'resale.ownUse': '卡片自用',
    'resale.dueDateChanged': '修改批次预计到账日',
    'resale.lossRecovered': '向顾客追回损失',
    'trade.evidenceExported': '导出协查证据',
    'backups.targetSet': '设置第二备份位置',
    'backup.restored': '从备份恢复',
    'sync.settingsChanged': '修改总部同步设置',
    'sync.pending': '营业日待上传',
    'sync.sent': '营业日已上传总部',
    'sync.conflict': '上传总部冲突',
    'sync.rejected': '总部拒收营业日',
  },
  en: {
    'setup.completed': 'Shop set up',
    'keys.unlocked': 'Keys unlocked with the passphrase',
    'prefs.language': 'Language switched',
    'settings.updated': 'Settings changed',
    'settings.changed': 'Setting changed',
    'shop.updated': 'Shop details changed',
    'auth.login': 'Logged in',
    'auth.logout': 'Logged out',
    'auth.pinChanged': 'PIN changed',
    'auth.pinRecovered': 'Owner PIN reset with the passphrase',
    'auth.pinWrong': 'Wrong PIN',
    'auth.recoveryFailed': 'Wrong recovery passphrase',
    'auth.recoveryLockedOut': 'Recovery locked after wrong passphrases',
    'auth.recoveryRefusedLocked': 'Recovery tried while locked',
    'keys.rewrapped': 'Keys re-wrapped with stronger parameters',
    'auth.lockedOut': 'Locked out after wrong PINs',
    'auth.pinRefusedLocked': 'PIN refused while locked out',
    'auth.denied': 'Refused: not allowed',
    'staff.added': 'Staff added',
    'staff.updated': 'Staff changed',
    'staff.pinReset': 'Staff PIN reset',
    'staff.phoneRevealed': 'Staff phone shown',
    'staff.lockoutCleared': 'Lockout lifted',
    'catalog.upserted': 'Brand catalogue changed',
    'quote.added': 'Reference quote added',
    'quote.updated': 'Reference quote changed',
    'quote.expired': 'Reference quote made stale',
    'quote.removed': 'Reference quote removed',
    'quotes.stillValid': 'Reference quotes confirmed',
    'quotes.imported': 'Reference quotes imported',
    'trade.created': 'New trade',
    'trade.lineAdded': 'Card added',
    'trade.lineRemoved': 'Card taken out',
    'trade.lineVerified': 'Balance checked',
    'trade.lineEdited': 'Card corrected',
    'trade.offered': 'Offer made',
    'trade.asked': 'Customer asked',
    'trade.agreed': 'Agreed',
    'trade.paid': 'Paid',
    'trade.voided': 'Voided',
    'trade.cardRevealed': 'Full card number shown',
    'customer.attached': 'Customer phone recorded',
    'customer.identified': 'Customer identity recorded',
    'customer.identityChanged': 'Customer identity replaced (owner approved)',
    'customer.fundsSource': 'Source of funds recorded',
    'customer.blocked': 'Customer blocked',
    'customer.unblocked': 'Customer unblocked',
    'customer.revealed': 'Customer numbers shown',
    'watchlist.added': 'Added to the watch list',
    'watchlist.imported': 'Watch list imported',
    'watchlist.removed': 'Taken off the watch list',
    'compliance.override': 'Let through by the owner',
    'compliance.refused': 'Stopped by compliance',
    'compliance.exported': 'Compliance report exported',
    'day.opened': 'Day opened',
    'day.cashIn': 'Cash in',
    'day.cashOut': 'Cash out',
    'day.handover': 'Shift handover',
    'day.counted': 'Drawer counted for the close',
    'day.sealed': 'Day closed and sealed',
    'day.discrepancyApproved': 'Drawer discrepancy approved',
    'day.zPrinted': 'Z-report printed',
    'ledger.exported': 'Ledger exported',
    'drawer.opened': 'Drawer opened',
    'print.reprint': 'Receipt reprinted',
    'print.test': 'Test page printed',
    'printer.settings': 'Printer settings changed',
    'resale.batchCreated': 'Resale batch created',
    'resale.secretsRevealed': 'Batch cards shown',
    'resale.settled': 'Batch money received',
    'resale.cardSettled': 'Card money received',
    'resale.invalid': 'Card invalid',
    'resale.ownUse': 'Card kept for own use',
    'resale.dueDateChanged': 'Batch due date changed',
    'resale.lossRecovered': 'Loss recovered from the customer',
    'trade.evidenceExported': 'Evidence exported',
    'backups.targetSet': 'Second backup place set',
    'backup.restored': 'Restored from a backup',
    'sync.settingsChanged': 'Head-office settings changed',
    'sync.pending': 'Day waiting to be sent',
    'sync.sent': 'Day sent to head office',
    'sync.conflict': 'Head office reports a conflict',
    'sync.rejected': 'Head office rejected the day',
  },
};

/** The compliance refusals a `compliance.refused` entry names by code. */
const REFUSALS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    WATCHLIST_HIT: '挂失名单命中',
    CHAIN_DUPLICATE: '连锁内另一家店收过此卡',
    CUSTOMER_BLOCKED: '顾客已被停止交易',
    IDENTITY_REQUIRED: '未登记顾客身份',
    FUNDS_SOURCE_REQUIRED: '未登记资金来源',
    PHONE_REQUIRED: '未登记顾客手机号',
    CASH_NOT_ALLOWED: '不能付现金',
    BANK_TRANSFER_ONLY: '只能银行转账',
  },
  en: {
    WATCHLIST_HIT: 'watch-list hit',
    CHAIN_DUPLICATE: 'card bought by another shop of the chain',
    CUSTOMER_BLOCKED: 'customer blocked',
    IDENTITY_REQUIRED: 'no customer identity',
    FUNDS_SOURCE_REQUIRED: 'no source of funds',
    PHONE_REQUIRED: 'no customer phone',
    CASH_NOT_ALLOWED: 'no cash allowed',
    BANK_TRANSFER_ONLY: 'bank transfer only',
  },
};

const LABELS = {
  'zh-CN': {
    tradeNo: '单号',
    opening: '开价',
    amount: '金额',
    payout: '付出',
    reason: '原因',
    rate: '报价',
    ask: '要价',
    cards: '{n} 张卡',
    line: '第 {n} 张',
    count: '{n} 条',
    rows: '{n} 行',
    float: '备用金',
    counted: '实点',
    expected: '应有',
    discrepancy: '差额',
    z: 'Z 号',
    approvedBy: '店主授权',
    lock: '锁屏 {n} 分钟',
    failed: '第 {n} 次',
    afterPayment: '付款后',
    atClose: '结账时未付款',
    countNo: '第 {n} 次清点',
    set: '已设置',
    secretChanged: '店铺密钥已修改',
    customerMatchingOn: '跨店顾客比对：开',
    customerMatchingOff: '跨店顾客比对：关',
    unset: '已取消',
    on: '启用',
    off: '停用',
    active: '在职',
    inactive: '停用',
    loss: '损失',
    value: '价值',
    expectedBack: '预计回款',
    clawedBack: '平台追回',
    due: '预计到账',
    recovered: '已追回',
    method: '方式',
    copy: { customer: '顾客联', shop: '商户存根' },
    keyStore: { safeStorage: '系统保护', file: '本机文件' },
    watch: { card: '卡', id: '证件' },
    notOwner: '授权人不是在职店主',
    manual: '手工出货价',
    expiry: '有效期',
    notes: '备注',
    none: '无',
    waiting: '待定价',
    purpose: { login: '登录', unlock: '解锁', changePin: '修改 PIN' } as Record<string, string>,
    approval: '店主授权',
    language: { 'zh-CN': '中文', en: 'English' } as Record<string, string>,
    newPc: '新电脑',
    restoredZ: 'Z 号从 {n} 继续',
    sep: '：',
  },
  en: {
    tradeNo: 'Trade',
    opening: 'Opening offer',
    amount: 'Amount',
    payout: 'Payout',
    reason: 'Reason',
    rate: 'Rate',
    ask: 'Ask',
    cards: 'Cards: {n}',
    line: 'card {n}',
    count: '{n} entries',
    rows: '{n} rows',
    float: 'Float',
    counted: 'Counted',
    expected: 'Expected',
    discrepancy: 'Discrepancy',
    z: 'Z no.',
    approvedBy: 'Owner’s approval',
    lock: 'lock after {n} min',
    failed: 'attempt {n}',
    afterPayment: 'after payment',
    atClose: 'unpaid at the close',
    countNo: 'count {n}',
    set: 'set',
    secretChanged: 'shop secret changed',
    customerMatchingOn: 'customer matching across shops: on',
    customerMatchingOff: 'customer matching across shops: off',
    unset: 'removed',
    on: 'on',
    off: 'off',
    active: 'active',
    inactive: 'inactive',
    loss: 'Loss',
    value: 'Value',
    expectedBack: 'Expected back',
    clawedBack: 'Taken back by the platform',
    due: 'Due',
    recovered: 'Recovered so far',
    method: 'Method',
    copy: { customer: 'customer copy', shop: 'shop copy' },
    keyStore: { safeStorage: 'protected by the system', file: 'file on this PC' },
    watch: { card: 'card', id: 'ID' },
    notOwner: 'the approver is not an active owner',
    manual: 'Manual exit rate',
    expiry: 'Expiry',
    notes: 'Notes',
    none: 'none',
    waiting: 'Waiting for a price',
    purpose: { login: 'login', unlock: 'unlock', changePin: 'PIN change' } as Record<string, string>,
    approval: 'Owner’s approval',
    language: { 'zh-CN': '中文', en: 'English' } as Record<string, string>,
    newPc: 'new PC',
    restoredZ: 'Z numbers go on from {n}',
    sep: ': ',
  },
} as const;

type Payload = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const n = (template: string, value: number) => template.replace('{n}', String(value));

/** The words for a journal kind; a kind written by a newer version than this one reads as itself. */
export function journalKindWords(kind: string, lang: Lang): string {
  return (JOURNAL_WORDS[lang] as Record<string, string>)[kind] ?? kind;
}

/** An entry's key facts in words, in the order a person reads them; never a secret (payloads hold none). */
export function entryFacts(kind: string, payload: unknown, lang: Lang): string[] {
  const p: Payload = typeof payload === 'object' && payload !== null ? (payload as Payload) : {};
  const L = LABELS[lang];
  const out: string[] = [];
  const add = (label: string | null, value: string | null) => {
    if (value !== null) out.push(label ? `${label}${L.sep}${value}` : value);
  };
  const money = (label: string, v: unknown) => add(label, num(v) !== null ? formatYuan(num(v) ?? 0) : null);
  const rate = (label: string, v: unknown) => add(label, num(v) !== null ? formatRate(num(v) ?? 0) : null);
  const count = (template: string, v: unknown) => add(null, num(v) !== null ? n(template, num(v) ?? 0) : null);
  const card = () =>
    add(
      null,
      [str(p.tradeNo), str(p.last4) ? `****${str(p.last4)}` : null].filter((x) => x !== null).join(' ') || null,
    );
  const reason = () => add(L.reason, str(p.reason));
  /** Card positions as "第 1、3 张" / "cards 1, 3". */
  const lines = (v: unknown): string | null => {
    const at = Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
    return at.length === 0 ? null : n(L.line, 0).replace('0', at.join(lang === 'en' ? ', ' : '、'));
  };
  const dayZ = () => {
    add(null, str(p.businessDate));
    if (num(p.zNumber)) add(L.z, String(num(p.zNumber)).padStart(4, '0'));
  };
  switch (kind) {
    case 'setup.completed':
      add(null, str(p.shopName));
      add(null, str(p.ownerName));
      break;
    case 'keys.unlocked':
      add(null, wordOf(L.keyStore, p.keyStore) || null);
      break;
    case 'prefs.language':
      add(null, wordOf(L.language, p.language) || null);
      break;
    case 'settings.updated':
      count(L.lock, p.idleLockMinutes);
      break;
    case 'settings.changed':
      out.push(...settingChangeFacts(p, lang));
      break;
    case 'shop.updated':
      add(null, str(p.name));
      break;
    case 'auth.pinWrong':
    case 'auth.lockedOut':
    case 'auth.pinRefusedLocked':
      add(null, wordOf(L.purpose, p.purpose) || (str(p.purpose)?.startsWith('approval:') ? L.approval : null));
      count(L.failed, p.failed);
      break;
    case 'auth.denied':
      add(null, needWords(p.need, lang, p) || null);
      if (p.reason === 'approver not an owner') add(null, L.notOwner);
      break;
    case 'staff.added':
      add(null, str(p.name));
      add(null, wordOf(ROLE_WORDS[lang], p.role) || null);
      break;
    case 'staff.updated':
      add(null, str(p.name));
      add(null, wordOf(ROLE_WORDS[lang], p.role) || null);
      if (typeof p.active === 'boolean') add(null, p.active ? L.active : L.inactive);
      break;
    case 'catalog.upserted':
      if (isCatalogChange(payload)) return catalogChangeFacts(payload, lang);
      if (Array.isArray(p.forms))
        add(
          null,
          p.forms
            .map((f) => wordOf(FORM_WORDS[lang], f, ''))
            .filter(Boolean)
            .join(' / ') || null,
        );
      break;
    case 'quote.added':
      add(null, str(p.source));
      add(null, wordOf(FORM_WORDS[lang], p.form) || null);
      rate(L.rate, p.rateBp);
      break;
    case 'quote.updated':
      rate(L.rate, p.rateBp);
      break;
    case 'quotes.stillValid':
    case 'quotes.imported':
    case 'watchlist.imported':
      count(L.count, p.count);
      break;
    case 'trade.lineAdded':
      count(L.line, p.line);
      add(null, str(p.last4) ? `****${str(p.last4)}` : null);
      money(L.value, p.valueFen);
      add(null, wordOf(VERIFIED_WORDS[lang], p.verifiedHow) || null);
      break;
    case 'trade.lineVerified':
      add(null, lines(p.lines));
      add(null, wordOf(VERIFIED_WORDS[lang], p.how) || null);
      break;
    case 'trade.lineRemoved':
      count(L.line, p.line);
      add(null, str(p.last4) ? `****${str(p.last4)}` : null);
      money(L.value, p.valueFen);
      break;
    case 'trade.lineEdited':
      count(L.line, p.line);
      add(null, str(p.last4) ? `****${str(p.last4)}` : null);
      if (num(p.valueFen) !== null)
        add(L.value, `${formatYuan(num(p.fromValueFen) ?? 0)} → ${formatYuan(num(p.valueFen) ?? 0)}`);
      if ('expiry' in p) add(L.expiry, `${str(p.fromExpiry) ?? L.none} → ${str(p.expiry) ?? L.none}`);
      if ('notes' in p) add(L.notes, `${str(p.fromNotes) ?? L.none} → ${str(p.notes) ?? L.none}`);
      break;
    case 'trade.offered':
      if (Array.isArray(p.groups))
        add(
          L.opening,
          p.groups
            .map((g) => num((g as Payload).openingBp))
            .filter((x): x is number => x !== null)
            .map(formatRate)
            .join(' / ') || null,
        );
      rate(L.manual, p.manualExitBp);
      add(null, lines(p.manualLines));
      add(L.reason, str(p.manualReason));
      add(L.waiting, lines(p.unpriced));
      break;
    case 'trade.asked':
      rate(L.ask, p.askBp);
      add(
        null,
        [wordOf(OUTCOME_WORDS[lang], p.outcome), num(p.rateBp) !== null ? formatRate(num(p.rateBp) ?? 0) : '']
          .filter(Boolean)
          .join(' ') || null,
      );
      break;
    case 'trade.agreed':
      rate(L.rate, p.rateBp);
      break;
    case 'trade.paid':
      add(L.tradeNo, str(p.tradeNo));
      money(L.payout, p.payoutFen);
      count(L.cards, p.cards);
      if (Array.isArray(p.parts)) {
        add(
          null,
          p.parts
            .map((x) => x as Payload)
            .map((x) => `${wordOf(METHOD_WORDS[lang], x.method)} ${formatYuan(num(x.amountFen) ?? 0)}`)
            .join(' + ') || null,
        );
      }
      break;
    case 'trade.voided':
      add(L.tradeNo, str(p.tradeNo));
      if (p.afterPayment === true) add(null, L.afterPayment);
      if (p.atClose === true) add(null, L.atClose);
      reason();
      break;
    case 'customer.attached':
      add(null, str(p.phoneMasked));
      break;
    case 'customer.identified':
      add(null, wordOf(ID_TYPE_WORDS[lang], p.idType) || null);
      add(null, str(p.idMasked));
      break;
    case 'customer.identityChanged':
      add(null, wordOf(ID_TYPE_WORDS[lang], p.idType) || null);
      add(null, [str(p.previousIdMasked), str(p.idMasked)].filter(Boolean).join(' → ') || null);
      break;
    case 'customer.fundsSource':
      add(null, fundsText(lang, str(p.fundsSource), str(p.fundsNote)) || null);
      break;
    case 'customer.blocked':
    case 'customer.unblocked':
    case 'drawer.opened':
      reason();
      break;
    case 'watchlist.added':
      add(null, wordOf(L.watch, p.kind) || null);
      reason();
      break;
    case 'compliance.override':
      add(null, needWords(p.what, lang, p) || null);
      add(L.approvedBy, str(p.ownerName));
      reason();
      break;
    case 'compliance.refused':
      add(null, wordOf(REFUSALS[lang], p.code) || null);
      break;
    case 'compliance.exported':
    case 'ledger.exported':
      add(null, str(p.businessDate) ?? (str(p.from) && str(p.to) ? `${str(p.from)} – ${str(p.to)}` : null));
      add(null, str(p.format)?.toUpperCase() ?? null);
      count(L.rows, p.rows);
      break;
    case 'day.opened':
      add(null, str(p.businessDate));
      money(L.float, p.floatFen);
      break;
    case 'day.cashIn':
    case 'day.cashOut':
      money(L.amount, p.amountFen);
      reason();
      break;
    case 'day.counted':
      add(null, num(p.seq) !== null ? n(L.countNo, num(p.seq) ?? 0) : null);
      money(L.counted, p.countedFen);
      money(L.expected, p.expectedFen);
      money(L.discrepancy, p.discrepancyFen);
      break;
    case 'day.handover':
      money(L.counted, p.countedFen);
      money(L.expected, p.expectedFen);
      money(L.discrepancy, p.discrepancyFen);
      break;
    case 'day.sealed':
      dayZ();
      money(L.counted, p.countedFen);
      money(L.discrepancy, p.discrepancyFen);
      reason();
      break;
    case 'day.discrepancyApproved':
      add(null, str(p.businessDate));
      money(L.discrepancy, p.discrepancyFen);
      reason();
      break;
    case 'day.zPrinted':
    case 'sync.pending':
    case 'sync.sent':
    case 'sync.conflict':
    case 'sync.rejected':
      dayZ();
      break;
    case 'print.reprint':
      add(null, wordOf(L.copy, p.copy) || null);
      break;
    case 'resale.batchCreated':
      add(null, str(p.platform));
      rate(L.rate, p.rateBp);
      count(L.cards, p.cards);
      money(L.expectedBack, p.expectedFen);
      add(L.due, str(p.dueDate));
      break;
    case 'resale.secretsRevealed':
      count(L.cards, p.cards);
      break;
    case 'resale.settled':
      money(L.amount, p.amountFen);
      count(L.cards, p.cards);
      money(L.loss, p.lossFen);
      reason();
      break;
    case 'resale.cardSettled':
      card();
      money(L.amount, p.amountFen);
      money(L.loss, p.lossFen);
      reason();
      break;
    case 'resale.invalid':
      card();
      money(L.loss, p.lossFen);
      money(L.clawedBack, p.clawedBackFen);
      reason();
      break;
    case 'resale.dueDateChanged':
      add(null, str(p.platform));
      add(L.due, str(p.from) && str(p.to) ? `${str(p.from)} → ${str(p.to)}` : null);
      reason();
      break;
    case 'resale.lossRecovered':
      card();
      money(L.amount, p.amountFen);
      add(L.method, wordOf(METHOD_WORDS[lang], p.method) || null);
      money(L.recovered, p.recoveredFen);
      money(L.loss, p.lossFen);
      break;
    case 'trade.evidenceExported':
      add(L.tradeNo, str(p.tradeNo));
      break;
    case 'resale.ownUse':
      card();
      money(L.value, p.valueFen);
      reason();
      break;
    case 'backups.targetSet':
      add(null, p.set === true ? L.set : L.unset);
      break;
    case 'backup.restored':
      add(null, p.where === 'new-pc' ? L.newPc : null);
      add(null, str(p.name));
      count(L.restoredZ, p.zNumber);
      break;
    case 'sync.settingsChanged':
      if (typeof p.enabled === 'boolean') add(null, p.enabled ? L.on : L.off);
      // A secret is never a value in the journal: only that it changed.
      if (p.shopSecretGiven === true) add(null, L.secretChanged);
      if (typeof p.customerMatching === 'boolean')
        add(null, p.customerMatching ? L.customerMatchingOn : L.customerMatchingOff);
      break;
    default:
      break;
  }
  const approval = typeof p.approval === 'object' && p.approval !== null ? (p.approval as Payload) : null;
  if (approval && kind !== 'compliance.override')
    add(L.approvedBy, [str(approval.ownerName), str(approval.reason)].filter(Boolean).join(' · ') || null);
  return out;
}

/**
 * One change on the Z-report in words: what changed (a brand named by its code), its facts, then who.
 * "修改设置 · 单笔登记身份金额：¥5,000 → ¥3,000 · 王老板".
 */
export function changeWords(
  c: { kind: string; ref: string | null; payload: unknown; staffName: string | null },
  lang: Lang,
): string {
  const kind = journalKindWords(c.kind, lang);
  // A catalogue entry names its brand or form in its facts; one written before it did is known by its code.
  const named = typeof c.payload === 'object' && c.payload !== null && 'nameZh' in c.payload;
  const what = c.kind === 'catalog.upserted' && c.ref && !named ? `${kind} ${c.ref}` : kind;
  return [what, ...entryFacts(c.kind, c.payload, lang), ...(c.staffName ? [c.staffName] : [])].join(' · ');
}

/** One line: the kind in words, then its facts. */
export function describeJournal(kind: string, payload: unknown, lang: Lang): string {
  return [journalKindWords(kind, lang), ...entryFacts(kind, payload, lang)].join(' · ');
}

// Words for the fields a call can refuse: the field's name (an index or key read as words: `parts.1.reference`
// is "第 2 笔付款的流水号") and what it expects, from the rule the schema states. No zod here: the renderer uses it.
import { formatRate, formatYuan } from '../domain/money';
import { FORM_WORDS } from './terms';
import { listItemName, SETTING_WORDS } from './settings';
import type { Lang } from './lang';

export type PatternName = 'pin' | 'shopCode' | 'phone' | 'brandCode' | 'date' | 'fileName' | 'unknown';

/** The contract's regular expressions by their source, so a pattern is described by what it means. */
export const PATTERN_NAMES: Record<string, PatternName> = {
  '^\\d{6}$': 'pin',
  '^[A-Z0-9]{2,8}$': 'shopCode',
  '^\\+?[0-9][0-9 -]{5,19}$': 'phone',
  '^[a-z][a-z0-9_]{0,19}$': 'brandCode',
  '^\\d{4}-\\d{2}-\\d{2}$': 'date',
  '^[A-Za-z0-9._-]{1,120}$': 'fileName',
};

/** What a field expects; flat, so it travels in an error's details. */
export interface FieldRule {
  kind:
    | 'text'
    | 'number'
    | 'money'
    | 'rate'
    | 'choice'
    | 'yesno'
    | 'list'
    | 'group'
    | 'id'
    | 'date'
    | 'datetime'
    | 'pattern';
  min?: number;
  max?: number;
  pattern?: PatternName;
  /** '' is also accepted (an optional phone). */
  empty?: boolean;
  /** null is also accepted (no upper limit, no printer). */
  none?: boolean;
  /** Text on one line: no line break, tab or other control character. */
  line?: boolean;
}

type Names = Record<string, string>;

/** settings.update's fields: `values.<key>` by the setting's name. */
const settingFields = (lang: Lang): Names =>
  Object.fromEntries(Object.entries(SETTING_WORDS[lang]).map(([k, v]) => [`values.${k}`, v]));

const NAMES: Record<Lang, Names> = {
  'zh-CN': {
    '(input)': '输入内容',
    '(body)': '请求内容',
    active: '在用',
    address: '地址',
    amountFen: '金额',
    askBp: '顾客要价',
    batchId: '转售批次',
    before: '截止日期',
    beforeSeq: '日志序号',
    brand: '品牌',
    businessDate: '营业日',
    chainKey: '连锁密钥',
    code: '品牌代码',
    confirmOlder: '确认恢复较早的备份',
    confirmOtherHost: '确认使用其他电脑上的共享打印机',
    copy: '联次',
    count: '清点',
    cpl: '纸宽',
    currentPin: '当前 PIN',
    customer: '顾客的手机号或证件号',
    customerId: '顾客',
    drawerOnCash: '现金付款后弹出钱箱',
    enabled: '启用同步',
    customerMatching: '跨店顾客比对',
    entryId: '挂失记录',
    expiresAt: '有效期至',
    expiry: '卡片有效期',
    faceValueFen: '面值',
    feeBp: '手续费率',
    feeFixedFen: '固定手续费',
    form: '形式',
    format: '文件格式',
    forms: '形式',
    from: '开始日期',
    groupKey: '报价组',
    how: '核验方式',
    hqBaseUrl: '总部地址',
    idNumber: '证件号码',
    idType: '证件类型',
    idleLockMinutes: '无操作自动锁屏时间（分钟）',
    kind: '类别',
    language: '语言',
    lastPrintedZ: '最后打印的 Z 号',
    licenceNo: '营业执照号',
    limit: '条数',
    lineId: '卡片',
    lineIds: '卡片',
    lines: '卡片',
    manualExit: '手工出货价',
    numbered: '只看已付款的单据',
    offset: '从第几条起',
    offsets: '各列表从第几条起',
    states: '卡片状态',
    'offsets.threshold': '达到门槛的交易从第几条起',
    'offsets.hits': '挂失名单命中从第几条起',
    'offsets.refusals': '其他拦截从第几条起',
    'offsets.overrides': '店主放行从第几条起',
    'offsets.alerts': '预警从第几条起',
    exitBp: '出货率',
    maxValueFen: '最高金额',
    minAmountFen: '最低金额',
    minValueFen: '最低面值',
    name: '姓名',
    nameEn: '英文名称',
    nameZh: '中文名称',
    newPin: '新 PIN',
    notes: '备注',
    fundsSource: '资金来源',
    fundsNote: '资金来源说明',
    number: '号码',
    numberHint: '卡号说明',
    numberPattern: '卡号规则',
    secretHint: '卡密说明',
    secretPattern: '卡密规则',
    secretRequired: '必须填卡密',
    method: '付款方式',
    reference: '流水号',
    observedAt: '报价时间',
    overrideReason: '放行原因',
    owner: '店主',
    ownerApproval: '店主授权',
    ownerId: '店主',
    parts: '付款',
    passphrase: '恢复口令',
    path: '文件或文件夹路径',
    phone: '手机号',
    pin: 'PIN',
    platform: '平台',
    query: '查找内容',
    quoteId: '报价',
    quoteIds: '报价',
    quotes: '报价',
    rateBp: '回收率',
    reason: '原因',
    requestId: '付款请求号',
    role: '身份',
    secret: '卡密',
    settlementDays: '结算天数',
    dueDate: '预计到账日',
    watchCard: '把卡加入挂失名单',
    watchId: '把顾客证件加入挂失名单',
    lossId: '损失记录',
    open: '只看未追回的损失',
    card: '把卡加入挂失名单',
    id: '把顾客证件加入挂失名单',
    shop: '店铺信息',
    shopCopy: '打印商户存根',
    shopSecret: '店铺密钥',
    source: '平台',
    staffId: '员工',
    state: '状态',
    target: '打印机地址',
    text: '导入内容',
    timeoutMs: '超时（毫秒）',
    to: '结束日期',
    tradeId: '单据',
    valueFen: '价值',
    verifiedHow: '余额核验方式',
    voidReason: '作废未付款单的原因',
    where: '备份位置',
    'shop.name': '店铺名称',
    'shop.code': '店铺代码',
    'shop.phone': '店铺电话',
    'shop.address': '店铺地址',
    'shop.licenceNo': '营业执照号',
    'owner.name': '店主姓名',
    'owner.pin': '店主 PIN',
    'ownerApproval.pin': '店主 PIN',
    'ownerApproval.reason': '授权原因',
    'ownerApproval.ownerId': '授权店主',
    'manualExit.exitBp': '手工出货率',
    'manualExit.reason': '手工出货价的原因',
    group: '设置分组',
    values: '设置',
    ...settingFields('zh-CN'),
  },
  en: {
    '(input)': 'Input',
    '(body)': 'Request',
    active: 'Active',
    address: 'Address',
    amountFen: 'Amount',
    askBp: 'Customer’s ask',
    batchId: 'Resale batch',
    before: 'Up to date',
    beforeSeq: 'Journal number',
    brand: 'Brand',
    businessDate: 'Business date',
    chainKey: 'Chain key',
    code: 'Brand code',
    confirmOlder: 'Confirm restoring an older backup',
    copy: 'Copy',
    count: 'Count',
    cpl: 'Paper width',
    currentPin: 'Current PIN',
    customer: 'Customer’s phone or ID number',
    customerId: 'Customer',
    confirmOtherHost: 'Use a shared printer on another PC',
    drawerOnCash: 'Open the drawer after cash payments',
    enabled: 'Sync on',
    customerMatching: 'Customer matching across shops',
    entryId: 'Watch-list entry',
    expiresAt: 'Valid until',
    expiry: 'Card expiry',
    faceValueFen: 'Face value',
    feeBp: 'Fee rate',
    feeFixedFen: 'Fixed fee',
    form: 'Form',
    format: 'File format',
    forms: 'Form',
    from: 'From date',
    groupKey: 'Quote group',
    how: 'How it was checked',
    hqBaseUrl: 'Head-office address',
    idNumber: 'ID number',
    idType: 'ID type',
    idleLockMinutes: 'Idle lock (minutes)',
    kind: 'Kind',
    language: 'Language',
    lastPrintedZ: 'Last printed Z number',
    licenceNo: 'Licence number',
    limit: 'Number of rows',
    lineId: 'Card',
    lineIds: 'Cards',
    lines: 'Cards',
    manualExit: 'Manual exit rate',
    numbered: 'Paid trades only',
    offset: 'Start at row',
    offsets: 'Where each list starts',
    states: 'Card states',
    'offsets.threshold': 'Threshold trades: start at row',
    'offsets.hits': 'Watch-list hits: start at row',
    'offsets.refusals': 'Other refusals: start at row',
    'offsets.overrides': 'Owner overrides: start at row',
    'offsets.alerts': 'Alerts: start at row',
    exitBp: 'Exit rate',
    maxValueFen: 'Highest amount',
    minAmountFen: 'Minimum amount',
    minValueFen: 'Lowest value',
    name: 'Name',
    nameEn: 'English name',
    nameZh: 'Chinese name',
    newPin: 'New PIN',
    notes: 'Notes',
    fundsSource: 'Source of funds',
    fundsNote: 'Source of funds, in words',
    number: 'Number',
    numberHint: 'Card number hint',
    numberPattern: 'Card number rule',
    secretHint: 'Secret hint',
    secretPattern: 'Secret rule',
    secretRequired: 'Secret required',
    method: 'Method',
    reference: 'Reference',
    observedAt: 'Quoted at',
    overrideReason: 'Reason to let it through',
    owner: 'Owner',
    ownerApproval: 'Owner’s approval',
    ownerId: 'Owner',
    parts: 'Payment',
    passphrase: 'Recovery passphrase',
    path: 'File or folder path',
    phone: 'Mobile number',
    pin: 'PIN',
    platform: 'Platform',
    query: 'Search',
    quoteId: 'Quote',
    quoteIds: 'Quotes',
    quotes: 'Quote',
    rateBp: 'Rate',
    reason: 'Reason',
    requestId: 'Payment request number',
    role: 'Role',
    secret: 'Secret',
    settlementDays: 'Settlement days',
    dueDate: 'Expected settlement date',
    watchCard: 'Put the card on the watch list',
    watchId: 'Put the customer’s ID on the watch list',
    lossId: 'Loss',
    open: 'Only losses not yet recovered',
    card: 'Put the card on the watch list',
    id: 'Put the customer’s ID on the watch list',
    shop: 'Shop details',
    shopCopy: 'Print the shop copy',
    shopSecret: 'Shop secret',
    source: 'Platform',
    staffId: 'Staff member',
    state: 'State',
    target: 'Printer address',
    text: 'Text to import',
    timeoutMs: 'Timeout (ms)',
    to: 'To date',
    tradeId: 'Trade',
    valueFen: 'Value',
    verifiedHow: 'How the balance was checked',
    voidReason: 'Reason for voiding the unpaid trades',
    where: 'Backup location',
    'shop.name': 'Shop name',
    'shop.code': 'Shop code',
    'shop.phone': 'Shop phone',
    'shop.address': 'Shop address',
    'shop.licenceNo': 'Licence number',
    'owner.name': 'Owner’s name',
    'owner.pin': 'Owner’s PIN',
    'ownerApproval.pin': 'Owner’s PIN',
    'ownerApproval.reason': 'Reason for the approval',
    'ownerApproval.ownerId': 'Approving owner',
    'manualExit.exitBp': 'Manual exit rate',
    'manualExit.reason': 'Reason for the manual exit rate',
    group: 'Settings group',
    values: 'Settings',
    ...settingFields('en'),
  },
};

/** One element of a list (or one key of a record), by the list's field name. */
const ITEMS: Record<Lang, Record<string, (i: string) => string>> = {
  'zh-CN': {
    parts: (i) => `第 ${Number(i) + 1} 笔付款`,
    forms: (i) => (/^\d+$/.test(i) ? `第 ${Number(i) + 1} 种形式` : `${FORM_WORDS['zh-CN'][i as 'e'] ?? i}形式`),
    lineIds: (i) => `第 ${Number(i) + 1} 张卡`,
    quoteIds: (i) => `第 ${Number(i) + 1} 条报价`,
    quotes: (i) => `第 ${Number(i) + 1} 条报价`,
    count: (i) => `面额 ${formatYuan(Number(i))} 的张数`,
    states: (i) => `第 ${Number(i) + 1} 个卡片状态`,
  },
  en: {
    parts: (i) => `Payment ${Number(i) + 1}`,
    forms: (i) => (/^\d+$/.test(i) ? `Form ${Number(i) + 1}` : `${FORM_WORDS.en[i as 'e'] ?? i} form`),
    lineIds: (i) => `Card ${Number(i) + 1}`,
    quoteIds: (i) => `Quote ${Number(i) + 1}`,
    quotes: (i) => `Quote ${Number(i) + 1}`,
    count: (i) => `Pieces of ${formatYuan(Number(i))}`,
    states: (i) => `Card state ${Number(i) + 1}`,
  },
};

/** What a refused field needs when the refusal came from a rule of the shop rather than the schema. */
const HINTS: Record<Lang, Names> = {
  'zh-CN': {
    'parts.*.reference': '微信、支付宝和银行转账要填流水号',
    parts: '各笔付款合计要等于应付金额，现金最多一笔',
    lines: '先加一张卡',
    'count.*': '只能填人民币纸币面额',
    rateBp: '回收率要按报价步长调整',
    'forms.*.numberPattern': '要是有效的正则表达式',
    'forms.*.secretPattern': '要是有效的正则表达式',
    brand: '品牌目录里要有这个品牌，并且在收',
    forms: '每种形式只填一次；在收的品牌至少要收一种形式',
    active: '至少要有一个品牌在收',
    form: '这个品牌要有这种形式',
    maxValueFen: '要大于最低面值',
    lastPrintedZ: '连不上总部时要填上一张打印的日结单上的 Z 号（从没日结过填 0），号码才不会重复',
    hqBaseUrl: '以 https:// 开头的网址（http:// 只能用于本机：127.0.0.1、localhost）',
    fundsNote: '选“其他”时请写明卡片从哪里来（至少 2 个字）',
    settlementDays: '这个平台没有参考报价，请填写它几天到账',
    dueDate: '不能早于批次送出的营业日',
  },
  en: {
    'parts.*.reference': 'WeChat Pay, Alipay and bank transfers need their reference number',
    parts: 'the parts add up to the payout, with at most one cash part',
    lines: 'add a card first',
    'count.*': 'only banknote denominations',
    rateBp: 'the rate moves in the quote’s steps',
    hqBaseUrl: 'an address starting with https:// (http:// only for this PC: 127.0.0.1, localhost)',
    'forms.*.numberPattern': 'a valid regular expression',
    'forms.*.secretPattern': 'a valid regular expression',
    brand: 'a brand in the catalogue that the shop buys',
    forms: 'each form once; a brand the shop buys needs at least one form it buys',
    active: 'the shop buys at least one brand',
    form: 'a form this brand has',
    maxValueFen: 'above the lowest value',
    lastPrintedZ:
      'head office cannot be asked: the Z number on the last printed Z-report (0 if no day was ever closed), so no number repeats',
    fundsNote: 'with “other”, a few words on where the cards came from (at least 2 characters)',
    settlementDays: 'this platform has no reference quote: say how many days it takes to pay',
    dueDate: 'not before the business day the batch was sent',
  },
};

const template = (path: string) =>
  path
    .split('.')
    .map((s, i, all) => (i > 0 && ITEMS['zh-CN'][all[i - 1] ?? ''] ? '*' : s))
    .join('.');

/** The field's name in words, or null when some part of the path has none (the contract test keeps that from shipping). */
export function fieldName(path: string, lang: Lang): string | null {
  // An item of a pricing list, or one part of it: "第 2 档面额的调整".
  const item = /^values\.(tiers|calendar|promotions|overrides)\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (item) return listItemName(item[1] ?? '', Number(item[2]), item[3], lang) || null;
  const names = NAMES[lang];
  const exact = names[path] ?? names[template(path)];
  if (exact) return exact;
  const segs = path.split('.');
  const words: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] ?? '';
    const next = segs[i + 1];
    const item = ITEMS[lang][seg];
    if (item && next !== undefined) {
      words.push(item(next));
      i++;
      continue;
    }
    const pair = next !== undefined ? names[`${seg}.${next}`] : undefined;
    if (pair) {
      words.push(pair);
      i++;
      continue;
    }
    const w = names[seg];
    if (!w) return null;
    words.push(w);
  }
  if (lang === 'en')
    return words
      .map((w, i) =>
        i > 0 && /^[A-Z][a-z]/.test(w) && !/^(Chinese|English)\b/.test(w) ? w[0]?.toLowerCase() + w.slice(1) : w,
      )
      .join(', ');
  return words.join('的');
}

const PATTERNS: Record<Lang, Record<PatternName, string>> = {
  'zh-CN': {
    pin: '6 位数字',
    shopCode: '2–8 位大写字母或数字',
    phone: '6–20 位数字，可含空格或横线，可以 + 开头',
    brandCode: '小写字母开头，最多 20 位小写字母、数字或下划线',
    date: '日期，如 2026-11-25',
    fileName: '备份文件名（字母、数字、点、横线或下划线）',
    unknown: '',
  },
  en: {
    pin: '6 digits',
    shopCode: '2–8 capital letters or digits',
    phone: '6–20 digits, spaces or dashes, may start with +',
    brandCode: 'a lower-case letter, then up to 19 lower-case letters, digits or underscores',
    date: 'a date such as 2026-11-25',
    fileName: 'a backup file name (letters, digits, dots, dashes or underscores)',
    unknown: '',
  },
};

/** Beyond this a bound is no bound a person needs to hear about. */
const HUGE = 2 ** 52;

/** What the field expects, in words; '' when the rule names a pattern nobody has described (the test catches it). */
export function ruleWords(r: FieldRule, lang: Lang): string {
  const zh = lang === 'zh-CN';
  const min = r.min !== undefined && r.min > -HUGE ? r.min : undefined;
  const max = r.max !== undefined && r.max < HUGE ? r.max : undefined;
  const between = (f: (n: number) => string, unitZh: string, unitEn: string) =>
    min !== undefined && max !== undefined
      ? zh
        ? `${f(min)}–${f(max)}${unitZh}`
        : `${f(min)}–${f(max)}${unitEn}`
      : max !== undefined
        ? zh
          ? `最多 ${f(max)}${unitZh}`
          : `at most ${f(max)}${unitEn}`
        : min !== undefined
          ? zh
            ? `至少 ${f(min)}${unitZh}`
            : `at least ${f(min)}${unitEn}`
          : '';
  let s: string;
  switch (r.kind) {
    case 'text':
      s =
        min === 1 && max !== undefined
          ? zh
            ? `不能为空，最多 ${max} 个字`
            : `not empty, at most ${max} characters`
          : between(String, ' 个字', ' characters');
      if (!s) s = zh ? '文字' : 'text';
      if (r.line)
        s += zh
          ? '，只能一行，不能含换行、制表符等控制字符'
          : ', on one line without line breaks, tabs or other control characters';
      break;
    case 'number':
      s = between(String, zh ? ' 之间的整数' : '', '') || (zh ? '整数' : 'a whole number');
      if (zh && max === undefined && min !== undefined) s = `不小于 ${min} 的整数`;
      break;
    case 'money':
      s =
        between((n) => formatYuan(n), zh ? ' 之间的金额' : '', '') ||
        (zh ? '以分计的整数金额' : 'a whole amount in fen');
      break;
    case 'rate':
      s =
        between(formatRate, zh ? ' 之间的比率' : '', '') ||
        (zh ? '以基点计的整数比率' : 'a whole rate in basis points');
      break;
    case 'choice':
      s = zh ? '从给出的选项中选一个' : 'one of the offered choices';
      break;
    case 'yesno':
      s = zh ? '是或否' : 'yes or no';
      break;
    case 'list':
      s = between(String, ' 项', ' items') || (zh ? '一组项目' : 'a list');
      break;
    case 'group':
      s = zh ? '只能包含规定的项目，且必填项要填全' : 'only the listed entries, with every required one';
      break;
    case 'id':
      s = zh ? '从列表中选择的记录' : 'a record picked from the list';
      break;
    case 'date':
      s = PATTERNS[lang].date;
      break;
    case 'datetime':
      s = zh ? '日期和时间，如 2026-11-25T09:30:00+08:00' : 'a date and time such as 2026-11-25T09:30:00+08:00';
      break;
    case 'pattern':
      s = PATTERNS[lang][r.pattern ?? 'unknown'];
      if (!s) return '';
      break;
  }
  if (r.empty) s += zh ? '，也可以不填' : ', or left empty';
  if (r.none) s += zh ? '，也可以留空' : ', or none';
  return s;
}

/** The hint for a field refused by a rule of the shop (no schema rule in the details), or ''. */
export function fieldHint(path: string, lang: Lang): string {
  return HINTS[lang][path] ?? HINTS[lang][template(path)] ?? '';
}

const RULE_KEYS = ['kind', 'min', 'max', 'pattern', 'empty', 'none', 'line'] as const;

/** The rule as error details: `rule`, `ruleMin` … (flat values only; never the refused value). */
export function ruleDetails(r: FieldRule): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const k of RULE_KEYS) {
    const v = r[k];
    if (v !== undefined) out[k === 'kind' ? 'rule' : `rule${k[0]?.toUpperCase()}${k.slice(1)}`] = v;
  }
  return out;
}

/** The rule back from an error's details, or null when the refusal carried none. */
export function ruleFromDetails(d: Record<string, unknown>): FieldRule | null {
  if (typeof d.rule !== 'string') return null;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const r: FieldRule = { kind: d.rule as FieldRule['kind'] };
  const min = num(d.ruleMin);
  const max = num(d.ruleMax);
  if (min !== undefined) r.min = min;
  if (max !== undefined) r.max = max;
  if (typeof d.rulePattern === 'string') r.pattern = d.rulePattern as PatternName;
  if (d.ruleEmpty === true) r.empty = true;
  if (d.ruleNone === true) r.none = true;
  if (d.ruleLine === true) r.line = true;
  return r;
}

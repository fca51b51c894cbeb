// Labels of the dashboard in English and Vietnamese. Codes from the API (statuses, transitions, event types)
// are translated here too, so a page never shows an internal name where a word exists.
const LABELS = {
  en: {
    skip: 'Skip to content', title: 'PovertyLedger', language: 'Language', signIn: 'Sign in', signOut: 'Sign out',
    username: 'User name', password: 'Password', badLogin: 'User name or password not accepted.',
    navOverview: 'Overview', navHouseholds: 'Households', navProgramme: 'Programme', navImport: 'Import',
    navAudit: 'Audit', unit: 'Unit', asOf: 'As of (valid date)', asKnownAt: 'As known at (position or time)',
    apply: 'Apply', now: 'Now', shownAt: 'Figures at log position {p}', asOfNote: 'as of {d}',
    knownAtNote: 'as known at {k}', loading: 'Loading…',
    ratesTitle: 'Poverty and near-poverty rates by commune, {y}', trendTitle: 'Poverty rate of {u}, 2021–2025',
    baseline: '2021 baseline', target50: 'Target: half of 2021', povertyRate: 'Poverty rate (%)',
    nearPovertyRate: 'Near-poverty rate (%)', year: 'Year', commune: 'Commune', tableTitle: 'Rates by commune and year',
    targetsTitle: 'Progress against targets', indicator: 'Indicator', target: 'Target', value: 'Value',
    progress: 'Progress', noValue: 'no value', legalBasis: 'Legal basis',
    searchTitle: 'Find households', householdId: 'Household id', village: 'Village', status: 'Status',
    transition: 'Last transition', any: 'any', search: 'Search', results: '{n} households', open: 'Open',
    head: 'Head of household', members: 'Members', lastReview: 'Last review', previous: 'Previous', next: 'Next',
    household: 'Household {id}', timeline: 'History', who: 'Who', when: 'Recorded', effective: 'Effective',
    why: 'Reason', position: 'Position', statusChange: '{a} → {b}', rulebook: 'Rulebook',
    programmeTitle: 'Programme {c}', allocated: 'Allocated', disbursed: 'Disbursed', remaining: 'Remaining',
    lapsed: 'Lapsed', fundingBySource: 'Allocated and disbursed by source and year (million VND)',
    project: 'Project', subProject: 'Sub-project', outputsTitle: 'Outputs against plan, {y}', output: 'Output',
    planned: 'Planned', achieved: 'Achieved', rate: 'Rate', source: 'Source',
    importTitle: 'Import the annual review', file: 'File (CSV or XLSX)', reviewYear: 'Review year',
    dryRun: 'Dry run (check only, write nothing)', upload: 'Upload', state: 'State', rows: 'Rows',
    accepted: 'Accepted', rejected: 'Rejected', unchanged: 'Unchanged', row: 'Row', problems: 'Problems',
    reportTitle: 'Report', noRejections: 'No row was rejected.', template: 'Download the template',
    auditTitle: 'Ledger verification', verify: 'Verify the ledger now', verified: 'The chain is intact',
    damaged: 'Damage found', checkpoints: 'Signed checkpoints', replays: 'Decision replays',
    notAvailable: 'Not available on this service.', none: 'None yet.', events: 'Events', chainHead: 'Head',
    commits: 'Commits', checked: 'Checked', hash: 'Hash', time: 'Time', agrees: 'Agree', diverges: 'Diverge',
    scope: 'Scope', signedBy: 'Key',
    PERIODIC: 'periodic', ON_DEMAND: 'on demand',
    POOR: 'Poor', NEAR_POOR: 'Near-poor', NOT_POOR: 'Not poor', AVERAGE_LIVING_STANDARD: 'Average living standard',
    UNASSESSED: 'Not assessed',
    NEWLY_POOR: 'Newly poor', NEWLY_NEAR_POOR: 'Newly near-poor', ESCAPED_POVERTY: 'Escaped poverty',
    ESCAPED_NEAR_POVERTY: 'Escaped near-poverty', RE_POOR: 'Poor again', UNCHANGED: 'Unchanged',
    POOR_TO_NEAR_POOR: 'Poor to near-poor', NEAR_POOR_TO_POOR: 'Near-poor to poor',
    FIRST_ASSESSED_ABOVE_LINE: 'First assessed above the line', ABOVE_LINE_RECLASSIFIED: 'Reclassified above the line',
    transitionFilter: 'Transition', transitionYear: 'In review year', latest: 'latest (current status)',
    basis: 'Figures', basisRecorded: 'As recorded', basisApproved: 'Approved reviews only',
    leftOut: 'Left out, review not approved: {list}', nothingLeftOut: 'Every review counted is approved.',
    OPEN: 'open', SUBMITTED: 'submitted', APPROVED: 'approved', LOCKED: 'locked',
    ACHIEVED: 'achieved', EXCEEDED: 'exceeded', NOT_ACHIEVED: 'not achieved', ON_TRACK: 'on track',
    OFF_TRACK: 'off track', PENDING: 'pending',
    HouseholdRegisteredEvent: 'Registered', AssessmentRecordedEvent: 'Assessed',
    AssessmentCorrectedEvent: 'Assessment corrected', HouseholdStatusChangedEvent: 'Status changed',
    HouseholdDetailsUpdatedEvent: 'Details changed', BenefitRecordedEvent: 'Benefit received',
    PeriodExceptionUsedEvent: 'Changed under an exception to a locked review',
    CENTRAL_BUDGET: 'Central budget', LOCAL_BUDGET: 'Local budget', POLICY_CREDIT: 'Policy credit',
    MOBILISED_OTHER: 'Mobilised / other',
    RUNNING: 'running', COMPLETED: 'completed', FAILED: 'failed', QUEUED: 'queued',
  },
  vi: {
    skip: 'Chuyển đến nội dung', title: 'PovertyLedger', language: 'Ngôn ngữ', signIn: 'Đăng nhập',
    signOut: 'Đăng xuất', username: 'Tên đăng nhập', password: 'Mật khẩu',
    badLogin: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    navOverview: 'Tổng quan', navHouseholds: 'Hộ gia đình', navProgramme: 'Chương trình', navImport: 'Nhập dữ liệu',
    navAudit: 'Kiểm toán', unit: 'Đơn vị', asOf: 'Tính đến ngày (hiệu lực)',
    asKnownAt: 'Theo dữ liệu đã biết tại (vị trí hoặc thời điểm)', apply: 'Áp dụng', now: 'Hiện tại',
    shownAt: 'Số liệu tại vị trí sổ cái {p}', asOfNote: 'tính đến {d}', knownAtNote: 'theo dữ liệu tại {k}',
    loading: 'Đang tải…',
    ratesTitle: 'Tỷ lệ hộ nghèo và cận nghèo theo xã, năm {y}', trendTitle: 'Tỷ lệ hộ nghèo của {u}, 2021–2025',
    baseline: 'Mức đầu kỳ 2021', target50: 'Mục tiêu: giảm một nửa so với 2021', povertyRate: 'Tỷ lệ hộ nghèo (%)',
    nearPovertyRate: 'Tỷ lệ hộ cận nghèo (%)', year: 'Năm', commune: 'Xã',
    tableTitle: 'Tỷ lệ theo xã và năm', targetsTitle: 'Tiến độ so với chỉ tiêu', indicator: 'Chỉ số',
    target: 'Chỉ tiêu', value: 'Giá trị', progress: 'Tiến độ', noValue: 'chưa có số liệu', legalBasis: 'Căn cứ pháp lý',
    searchTitle: 'Tìm hộ gia đình', householdId: 'Mã hộ', village: 'Thôn, buôn', status: 'Tình trạng',
    transition: 'Biến động gần nhất', any: 'tất cả', search: 'Tìm', results: '{n} hộ', open: 'Xem',
    head: 'Chủ hộ', members: 'Số nhân khẩu', lastReview: 'Rà soát gần nhất', previous: 'Trước', next: 'Sau',
    household: 'Hộ {id}', timeline: 'Lịch sử', who: 'Người thực hiện', when: 'Ghi nhận lúc', effective: 'Hiệu lực',
    why: 'Lý do', position: 'Vị trí', statusChange: '{a} → {b}', rulebook: 'Bộ tiêu chí',
    programmeTitle: 'Chương trình {c}', allocated: 'Đã phân bổ', disbursed: 'Đã giải ngân', remaining: 'Còn lại',
    lapsed: 'Hủy dự toán', fundingBySource: 'Phân bổ và giải ngân theo nguồn và năm (triệu đồng)',
    project: 'Dự án', subProject: 'Tiểu dự án', outputsTitle: 'Kết quả so với kế hoạch, năm {y}', output: 'Kết quả',
    planned: 'Kế hoạch', achieved: 'Thực hiện', rate: 'Tỷ lệ', source: 'Nguồn vốn',
    importTitle: 'Nhập kết quả rà soát hằng năm', file: 'Tệp (CSV hoặc XLSX)', reviewYear: 'Năm rà soát',
    dryRun: 'Chạy thử (chỉ kiểm tra, không ghi)', upload: 'Tải lên', state: 'Trạng thái', rows: 'Số dòng',
    accepted: 'Được nhận', rejected: 'Bị từ chối', unchanged: 'Không đổi', row: 'Dòng', problems: 'Lỗi',
    reportTitle: 'Báo cáo', noRejections: 'Không có dòng nào bị từ chối.', template: 'Tải mẫu nhập liệu',
    auditTitle: 'Kiểm tra sổ cái', verify: 'Kiểm tra sổ cái ngay', verified: 'Chuỗi băm toàn vẹn',
    damaged: 'Phát hiện sai lệch', checkpoints: 'Điểm kiểm tra có chữ ký', replays: 'Chạy lại quyết định',
    notAvailable: 'Dịch vụ này chưa có chức năng này.', none: 'Chưa có.', events: 'Sự kiện', chainHead: 'Đầu chuỗi',
    commits: 'Lần ghi', checked: 'Đã kiểm tra', hash: 'Mã băm', time: 'Thời điểm', agrees: 'Khớp',
    diverges: 'Không khớp', scope: 'Phạm vi', signedBy: 'Khóa',
    PERIODIC: 'định kỳ', ON_DEMAND: 'thường xuyên',
    POOR: 'Hộ nghèo', NEAR_POOR: 'Hộ cận nghèo', NOT_POOR: 'Không nghèo',
    AVERAGE_LIVING_STANDARD: 'Hộ có mức sống trung bình', UNASSESSED: 'Chưa rà soát',
    NEWLY_POOR: 'Nghèo phát sinh', NEWLY_NEAR_POOR: 'Cận nghèo phát sinh', ESCAPED_POVERTY: 'Thoát nghèo',
    ESCAPED_NEAR_POVERTY: 'Thoát cận nghèo', RE_POOR: 'Tái nghèo', UNCHANGED: 'Không đổi',
    POOR_TO_NEAR_POOR: 'Từ nghèo sang cận nghèo', NEAR_POOR_TO_POOR: 'Từ cận nghèo sang nghèo',
    FIRST_ASSESSED_ABOVE_LINE: 'Rà soát lần đầu, trên chuẩn', ABOVE_LINE_RECLASSIFIED: 'Phân loại lại, trên chuẩn',
    transitionFilter: 'Biến động', transitionYear: 'Trong năm rà soát', latest: 'gần nhất (tình trạng hiện tại)',
    basis: 'Số liệu', basisRecorded: 'Theo ghi nhận', basisApproved: 'Chỉ kỳ rà soát đã phê duyệt',
    leftOut: 'Chưa tính, kỳ rà soát chưa phê duyệt: {list}', nothingLeftOut: 'Mọi kỳ rà soát được tính đều đã phê duyệt.',
    OPEN: 'đang mở', SUBMITTED: 'đã trình', APPROVED: 'đã phê duyệt', LOCKED: 'đã khóa',
    ACHIEVED: 'đạt', EXCEEDED: 'vượt', NOT_ACHIEVED: 'không đạt', ON_TRACK: 'đúng tiến độ',
    OFF_TRACK: 'chậm tiến độ', PENDING: 'chờ',
    HouseholdRegisteredEvent: 'Đăng ký hộ', AssessmentRecordedEvent: 'Rà soát',
    AssessmentCorrectedEvent: 'Điều chỉnh kết quả rà soát', HouseholdStatusChangedEvent: 'Thay đổi tình trạng',
    HouseholdDetailsUpdatedEvent: 'Thay đổi thông tin hộ', BenefitRecordedEvent: 'Nhận hỗ trợ',
    PeriodExceptionUsedEvent: 'Điều chỉnh theo ngoại lệ sau khi khóa kỳ rà soát',
    CENTRAL_BUDGET: 'Ngân sách trung ương', LOCAL_BUDGET: 'Ngân sách địa phương', POLICY_CREDIT: 'Vốn tín dụng chính sách',
    MOBILISED_OTHER: 'Vốn huy động khác',
    RUNNING: 'đang chạy', COMPLETED: 'hoàn thành', FAILED: 'lỗi', QUEUED: 'đang chờ',
  },
};

let current = localStorage.getItem('povertyledger.lang') || (navigator.language || 'en').slice(0, 2);
if (!LABELS[current]) current = 'en';

export function lang() { return current; }

export function setLang(value) {
  current = LABELS[value] ? value : 'en';
  localStorage.setItem('povertyledger.lang', current);
  document.documentElement.lang = current;
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
}

/** The label for a key in the current language, with {name} placeholders filled; the key itself when unknown. */
export function t(key, values = {}) {
  if (key === null || key === undefined) return '';
  const text = String(LABELS[current][key] ?? LABELS.en[key] ?? key);
  return text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
}

/** Numbers and dates the way the language writes them. */
export function num(value, digits = 2) {
  if (value === null || value === undefined) return '–';
  return Number(value).toLocaleString(current === 'vi' ? 'vi-VN' : 'en-GB',
    { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

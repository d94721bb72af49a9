/**
 * Administrative divisions (GB/T 2260 行政区划代码) for the station profile's "所在县(市、区)" (DOMAIN.md
 * "Administrative divisions"): Shanxi's 11 prefecture-level cities and 117 county-level units as of
 * 2024 (after 大同 2018, 长治 2019, 怀仁 2018, 太谷 2019). Statistical codes whose 5th digit is 7
 * (development zones such as 140271) are not GB/T 2260 and are left out. Other provinces can be added as data.
 */

/** Level of a division: 省, 地级 (prefecture-level city), 县级 (district, county-level city or county). */
export type DivisionLevel = 'province' | 'prefecture' | 'county'

/** Kind of a division: 省, 地级市, 市辖区 (区), 县级市 (市), 县. */
export type DivisionKind = 'province' | 'prefectureCity' | 'district' | 'countyCity' | 'county'

/** One division with its current GB/T 2260 code. */
export interface Division {
  /** Six digits, e.g. '140105'. */
  readonly code: string
  /** Official name, e.g. '小店区', '太原市', '城区'. */
  readonly name: string
  readonly level: DivisionLevel
  readonly kind: DivisionKind
  /** The enclosing division's code; null for a province. */
  readonly parentCode: string | null
}

/** Shanxi province itself. */
export const shanxiProvince: Division = { code: '140000', name: '山西省', level: 'province', kind: 'province', parentCode: null }

// [city code, city name, [county-level code, name]…]; the kind follows from the name's last character.
const SHANXI: ReadonlyArray<readonly [string, string, ReadonlyArray<readonly [string, string]>]> = [
  ['140100', '太原市', [
    ['140105', '小店区'], ['140106', '迎泽区'], ['140107', '杏花岭区'], ['140108', '尖草坪区'], ['140109', '万柏林区'],
    ['140110', '晋源区'], ['140121', '清徐县'], ['140122', '阳曲县'], ['140123', '娄烦县'], ['140181', '古交市'],
  ]],
  ['140200', '大同市', [
    ['140212', '新荣区'], ['140213', '平城区'], ['140214', '云冈区'], ['140215', '云州区'], ['140221', '阳高县'],
    ['140222', '天镇县'], ['140223', '广灵县'], ['140224', '灵丘县'], ['140225', '浑源县'], ['140226', '左云县'],
  ]],
  ['140300', '阳泉市', [
    ['140302', '城区'], ['140303', '矿区'], ['140311', '郊区'], ['140321', '平定县'], ['140322', '盂县'],
  ]],
  ['140400', '长治市', [
    ['140403', '潞州区'], ['140404', '上党区'], ['140405', '屯留区'], ['140406', '潞城区'], ['140423', '襄垣县'],
    ['140425', '平顺县'], ['140426', '黎城县'], ['140427', '壶关县'], ['140428', '长子县'], ['140429', '武乡县'],
    ['140430', '沁县'], ['140431', '沁源县'],
  ]],
  ['140500', '晋城市', [
    ['140502', '城区'], ['140521', '沁水县'], ['140522', '阳城县'], ['140524', '陵川县'], ['140525', '泽州县'],
    ['140581', '高平市'],
  ]],
  ['140600', '朔州市', [
    ['140602', '朔城区'], ['140603', '平鲁区'], ['140621', '山阴县'], ['140622', '应县'], ['140623', '右玉县'],
    ['140681', '怀仁市'],
  ]],
  ['140700', '晋中市', [
    ['140702', '榆次区'], ['140703', '太谷区'], ['140721', '榆社县'], ['140722', '左权县'], ['140723', '和顺县'],
    ['140724', '昔阳县'], ['140725', '寿阳县'], ['140727', '祁县'], ['140728', '平遥县'], ['140729', '灵石县'],
    ['140781', '介休市'],
  ]],
  ['140800', '运城市', [
    ['140802', '盐湖区'], ['140821', '临猗县'], ['140822', '万荣县'], ['140823', '闻喜县'], ['140824', '稷山县'],
    ['140825', '新绛县'], ['140826', '绛县'], ['140827', '垣曲县'], ['140828', '夏县'], ['140829', '平陆县'],
    ['140830', '芮城县'], ['140881', '永济市'], ['140882', '河津市'],
  ]],
  ['140900', '忻州市', [
    ['140902', '忻府区'], ['140921', '定襄县'], ['140922', '五台县'], ['140923', '代县'], ['140924', '繁峙县'],
    ['140925', '宁武县'], ['140926', '静乐县'], ['140927', '神池县'], ['140928', '五寨县'], ['140929', '岢岚县'],
    ['140930', '河曲县'], ['140931', '保德县'], ['140932', '偏关县'], ['140981', '原平市'],
  ]],
  ['141000', '临汾市', [
    ['141002', '尧都区'], ['141021', '曲沃县'], ['141022', '翼城县'], ['141023', '襄汾县'], ['141024', '洪洞县'],
    ['141025', '古县'], ['141026', '安泽县'], ['141027', '浮山县'], ['141028', '吉县'], ['141029', '乡宁县'],
    ['141030', '大宁县'], ['141031', '隰县'], ['141032', '永和县'], ['141033', '蒲县'], ['141034', '汾西县'],
    ['141081', '侯马市'], ['141082', '霍州市'],
  ]],
  ['141100', '吕梁市', [
    ['141102', '离石区'], ['141121', '文水县'], ['141122', '交城县'], ['141123', '兴县'], ['141124', '临县'],
    ['141125', '柳林县'], ['141126', '石楼县'], ['141127', '岚县'], ['141128', '方山县'], ['141129', '中阳县'],
    ['141130', '交口县'], ['141181', '孝义市'], ['141182', '汾阳市'],
  ]],
]

function countyKind(name: string): DivisionKind {
  if (name.endsWith('区'))
    return 'district'
  if (name.endsWith('市'))
    return 'countyCity'
  return 'county'
}

/** DOMAIN.md: Shanxi's 11 prefecture-level cities, in code order. */
export const shanxiCities: readonly Division[] = SHANXI.map(([code, name]) => ({ code, name, level: 'prefecture', kind: 'prefectureCity', parentCode: '140000' }))

/** DOMAIN.md: Shanxi's 117 county-level units (26 区, 11 县级市, 80 县), in code order. */
export const shanxiCounties: readonly Division[] = SHANXI.flatMap(([cityCode, , counties]) =>
  counties.map(([code, name]): Division => ({ code, name, level: 'county', kind: countyKind(name), parentCode: cityCode })))

/** Every division of the table: province, cities and county-level units. */
export const shanxiDivisions: readonly Division[] = [shanxiProvince, ...shanxiCities, ...shanxiCounties]

const byCode = new Map(shanxiDivisions.map(d => [d.code, d]))

/** GB/T 2260: the division with this code, or undefined (unknown, abolished or statistical codes). */
export function findDivision(code: string): Division | undefined {
  return byCode.get(code)
}

/** GB/T 2260: the name of the division with this code ('140105' → '小店区'), or undefined. */
export function divisionName(code: string): string | undefined {
  return byCode.get(code)?.name
}

/** GB/T 2260: the name with its enclosing divisions, e.g. '140302' → '山西省阳泉市城区' (城区 alone is ambiguous). */
export function divisionFullName(code: string, options: { withProvince?: boolean } = {}): string | undefined {
  const names: string[] = []
  for (let d = byCode.get(code); d; d = d.parentCode ? byCode.get(d.parentCode) : undefined) {
    if (d.level !== 'province' || options.withProvince !== false)
      names.unshift(d.name)
  }
  return names.length > 0 ? names.join('') : undefined
}

/** DOMAIN.md "所在县(市、区)": the county-level units of a prefecture-level city, in code order ([] if unknown). */
export function countiesOf(cityCode: string): Division[] {
  return shanxiCounties.filter(d => d.parentCode === cityCode)
}

/** GB/T 2260: the prefecture-level city a county-level unit belongs to (a city is its own), or undefined. */
export function cityOf(code: string): Division | undefined {
  const d = byCode.get(code)
  if (!d || d.level === 'province')
    return undefined
  return d.level === 'prefecture' ? d : byCode.get(d.parentCode ?? '')
}

import { describe, expect, it } from 'vitest'
import {
  cityOf,
  countiesOf,
  divisionFullName,
  divisionName,
  findDivision,
  shanxiCities,
  shanxiCounties,
  shanxiDivisions,
} from '../../src/domain/divisions'

describe('the Shanxi table of DOMAIN.md', () => {
  it('has 11 prefecture-level cities with their codes and names', () => {
    expect(shanxiCities.map(c => `${c.code} ${c.name}`)).toEqual([
      '140100 太原市', '140200 大同市', '140300 阳泉市', '140400 长治市', '140500 晋城市', '140600 朔州市',
      '140700 晋中市', '140800 运城市', '140900 忻州市', '141000 临汾市', '141100 吕梁市',
    ])
  })

  it.each([
    ['all county-level units', undefined, 117],
    ['districts (区)', 'district', 26],
    ['county-level cities (市)', 'countyCity', 11],
    ['counties (县)', 'county', 80],
  ])('has %s: %i', (_label, kind, count) => {
    expect(shanxiCounties.filter(d => kind === undefined || d.kind === kind)).toHaveLength(count)
  })

  it('names each unit after its kind', () => {
    for (const d of shanxiCounties)
      expect(d.name.at(-1)).toBe({ district: '区', countyCity: '市', county: '县' }[d.kind as 'district' | 'countyCity' | 'county'])
  })

  it('uses unique six-digit codes under their city, none of them statistical', () => {
    const codes = shanxiDivisions.map(d => d.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const d of shanxiCounties) {
      expect(d.code).toMatch(/^14\d{4}$/)
      expect(d.code[4]).not.toBe('7')
      expect(d.code.slice(0, 4)).toBe(d.parentCode?.slice(0, 4))
      expect(d.code.slice(4)).not.toBe('00')
    }
    for (const c of shanxiCities)
      expect(c.code).toMatch(/^14(0[1-9]|1[01])00$/)
  })

  it.each([
    ['140100', 10, 6, 1, 3],
    ['140200', 10, 4, 0, 6],
    ['140300', 5, 3, 0, 2],
    ['140400', 12, 4, 0, 8],
    ['140500', 6, 1, 1, 4],
    ['140600', 6, 2, 1, 3],
    ['140700', 11, 2, 1, 8],
    ['140800', 13, 1, 2, 10],
    ['140900', 14, 1, 1, 12],
    ['141000', 17, 1, 2, 14],
    ['141100', 13, 1, 2, 10],
  ])('city %s has %i units: %i 区, %i 市, %i 县', (city, total, districts, cities, counties) => {
    const units = countiesOf(city)
    expect(units).toHaveLength(total)
    expect(units.filter(d => d.kind === 'district')).toHaveLength(districts)
    expect(units.filter(d => d.kind === 'countyCity')).toHaveLength(cities)
    expect(units.filter(d => d.kind === 'county')).toHaveLength(counties)
  })

  it('lists 太原 in full', () => {
    expect(countiesOf('140100').map(d => `${d.code} ${d.name}`)).toEqual([
      '140105 小店区', '140106 迎泽区', '140107 杏花岭区', '140108 尖草坪区', '140109 万柏林区', '140110 晋源区',
      '140121 清徐县', '140122 阳曲县', '140123 娄烦县', '140181 古交市',
    ])
  })

  it('lists 大同 after the 2018 reform', () => {
    expect(countiesOf('140200').map(d => d.name)).toEqual([
      '新荣区', '平城区', '云冈区', '云州区', '阳高县', '天镇县', '广灵县', '灵丘县', '浑源县', '左云县',
    ])
  })

  it.each([
    ['140403', '潞州区'],
    ['140404', '上党区'],
    ['140405', '屯留区'],
    ['140406', '潞城区'],
    ['140703', '太谷区'],
    ['140681', '怀仁市'],
    ['140727', '祁县'],
    ['140302', '城区'],
    ['140502', '城区'],
    ['141031', '隰县'],
    ['141182', '汾阳市'],
    ['140000', '山西省'],
    ['141000', '临汾市'],
  ])('divisionName(%s) = %s', (code, name) => {
    expect(divisionName(code)).toBe(name)
  })

  it.each([
    ['140271'], // 大同经济技术开发区: statistical
    ['140202'], // 大同 城区, abolished 2018
    ['140402'], // 长治 城区, abolished 2019
    ['140726'], // 太谷县, now 太谷区 140703
    ['140624'], // 怀仁县, now 怀仁市 140681
    ['110105'], // not in Shanxi
    ['1401'],
    [''],
  ])('knows no division %j', (code) => {
    expect(findDivision(code)).toBeUndefined()
    expect(divisionName(code)).toBeUndefined()
  })
})

describe('helpers', () => {
  it('finds a division with its level, kind and parent', () => {
    expect(findDivision('140181')).toEqual({ code: '140181', name: '古交市', level: 'county', kind: 'countyCity', parentCode: '140100' })
    expect(findDivision('140100')).toEqual({ code: '140100', name: '太原市', level: 'prefecture', kind: 'prefectureCity', parentCode: '140000' })
  })

  it.each([
    ['140302', undefined, '山西省阳泉市城区'],
    ['140502', { withProvince: false }, '晋城市城区'],
    ['140100', undefined, '山西省太原市'],
    ['140000', undefined, '山西省'],
    ['140271', undefined, undefined],
  ])('divisionFullName(%s, %j) = %s', (code, options, full) => {
    expect(divisionFullName(code, options)).toBe(full)
  })

  it.each([
    ['140105', '140100'],
    ['141182', '141100'],
    ['140300', '140300'],
    ['140000', undefined],
    ['999999', undefined],
  ])('cityOf(%s) is %s', (code, city) => {
    expect(cityOf(code)?.code).toBe(city)
  })

  it('returns no units for an unknown city', () => {
    expect(countiesOf('140000')).toEqual([])
    expect(countiesOf('141200')).toEqual([])
  })
})

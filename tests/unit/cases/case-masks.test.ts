import { describe, expect, it } from 'vitest';
import {
  maskAddress,
  maskCardNumber,
  maskEmployer,
  maskIdNumber,
  maskName,
  maskPhone,
} from '../../../electron/core/cases/case-masks';

describe('stored masked forms (collection-rules.md)', () => {
  it.each([
    [maskIdNumber, '11010519491231002X', '1**************02X'],
    [maskCardNumber, '6228480402564890018', '622848*********0018'],
    [maskCardNumber, '6225885470249251', '622588******9251'],
    [maskPhone, '13812345678', '138****5678'],
    [maskPhone, '09152345679', '0915*****79'],
    [maskPhone, '01062345678', '010******78'],
    [maskName, '冯华', '冯*'],
    [maskName, '段刚超', '段**'],
    [maskEmployer, '宏图科技有限公司', '宏图***'],
    [maskAddress, '河南省郑州市中牟县建设路134号19栋662室', '河南省郑州市中牟县***'],
    [maskAddress, '上海市浦东新区新华街99号', '上海市浦东新区***'],
    [maskAddress, '广西壮族自治区南宁市青秀区民族大道1号', '广西壮族自治区南宁市青秀区***'],
    // No more than a district: cut to the city, so the mask is never the whole address.
    [maskAddress, '上海市浦东新区', '上海市***'],
    [maskAddress, '河南省郑州市中牟县', '河南省郑州市***'],
    [maskAddress, '某地某路1号', '某地某***'],
  ])('%#: %s', (mask, value, masked) => {
    expect(mask(value)).toBe(masked);
  });
});
